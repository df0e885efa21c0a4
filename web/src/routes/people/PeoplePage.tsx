import { Anchor, Button, Group, Select, Stack, Table, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconPlus, IconSearch, IconUsers } from "@tabler/icons-react";
import { roleNames, type TRole } from "@stoa/contracts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCurrentUser } from "../../api/me";
import { usePeople } from "../../api/people";
import { RoleBadge, StatusBadge } from "../../components/Badges";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { SchoolSelect } from "../../components/SchoolSelect";
import { displayName } from "../../lib/people";
import { useSearchState } from "../../lib/useSearchState";

const filterNames = ["q", "role", "schoolId", "status"] as const;
const pageSize = 25;

/** Find people by name, username or email; filter by role, school and status. */
export function PeoplePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, setFilter, setPage } = useSearchState(filterNames);
  const [q, setQ] = useState(values.q);
  // Follow the URL when it changes from outside (header search, back button), not while typing.
  useEffect(() => {
    setQ((current) => (current.trim() === values.q ? current : values.q));
  }, [values.q]);
  const setSearch = useDebouncedCallback((value: string) => setFilter("q", value.trim()), 300);
  const people = usePeople({
    q: values.q || undefined,
    role: (values.role || undefined) as TRole | undefined,
    schoolId: values.schoolId || undefined,
    status: (values.status || undefined) as "active" | "inactive" | undefined,
    page,
    pageSize,
  });
  const filtered = !!(values.q || values.role || values.schoolId || values.status);

  function body() {
    if (people.isPending) return <ListSkeleton rows={8} />;
    if (people.isError) return <ErrorState error={people.error} onRetry={() => void people.refetch()} />;
    const { items, total } = people.data;
    if (total === 0) {
      return (
        <EmptyState
          icon={<IconUsers aria-hidden />}
          title={filtered ? t("people.noMatchTitle") : t("people.emptyTitle")}
          description={filtered ? t("common.noMatchText") : t("people.emptyText")}
        />
      );
    }
    return (
      <>
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("people.name")}</Table.Th>
                <Table.Th scope="col">{t("people.username")}</Table.Th>
                <Table.Th scope="col">{t("people.roles")}</Table.Th>
                <Table.Th scope="col">{t("people.grades")}</Table.Th>
                <Table.Th scope="col">{t("common.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((person) => (
                <Table.Tr key={person.id}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/people/${person.id}`} fw={600}>
                      {displayName(person)}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{person.username}</Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      {person.roles.map((role) => (
                        <RoleBadge key={role.id} role={role} />
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{person.grades.join(", ") || "—"}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={person.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager page={page} pageSize={pageSize} total={total} onChange={setPage} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t("nav.people")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("nav.people") }]}
        actions={
          me.abilities.managePeople && (
            <Button component={Link} to="/people/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t("people.create")}
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput
          label={t("people.search")}
          description={t("people.searchHelp")}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setSearch(e.currentTarget.value);
          }}
          leftSection={<IconSearch size={16} aria-hidden />}
          style={{ flex: "1 1 240px" }}
        />
        <Select
          label={t("people.role")}
          placeholder={t("common.all")}
          clearable
          data={roleNames.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={values.role || null}
          onChange={(v) => setFilter("role", v)}
          w={{ base: "100%", xs: 180 }}
        />
        <SchoolSelect
          label={t("people.school")}
          placeholder={t("common.all")}
          clearable
          value={values.schoolId || null}
          onChange={(v) => setFilter("schoolId", v)}
          w={{ base: "100%", xs: 220 }}
        />
        <Select
          label={t("common.status")}
          placeholder={t("common.all")}
          clearable
          data={[
            { value: "active", label: t("status.active") },
            { value: "inactive", label: t("status.inactive") },
          ]}
          value={values.status || null}
          onChange={(v) => setFilter("status", v)}
          w={{ base: "100%", xs: 150 }}
        />
      </Group>
      {body()}
    </>
  );
}
