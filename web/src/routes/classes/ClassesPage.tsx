import { Anchor, Button, Group, Select, Table, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconPlus, IconSchool, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useClasses } from "../../api/classes";
import { useCurrentUser } from "../../api/me";
import { StatusBadge } from "../../components/Badges";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { SchoolSelect } from "../../components/SchoolSelect";
import { definedOnly, useSearchState } from "../../lib/useSearchState";
import { teacherNames } from "./ClassCard";

const filterNames = ["q", "schoolId", "status"] as const;
const pageSize = 25;

/** Every class the person can see, searchable and paged; admins create classes here. */
export function ClassesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { values, page, setFilter, setPage } = useSearchState(filterNames);
  const [q, setQ] = useState(values.q);
  const setSearch = useDebouncedCallback((value: string) => setFilter("q", value.trim()), 300);
  const classes = useClasses({
    ...definedOnly(values),
    status: (values.status || undefined) as "active" | "inactive" | undefined,
    page,
    pageSize,
  });
  const filtered = !!(values.q || values.schoolId || values.status);

  function body() {
    if (classes.isPending) return <ListSkeleton rows={8} />;
    if (classes.isError) return <ErrorState error={classes.error} onRetry={() => void classes.refetch()} />;
    const { items, total } = classes.data;
    if (total === 0) {
      return (
        <EmptyState
          icon={<IconSchool aria-hidden />}
          title={filtered ? t("classes.noMatchTitle") : t("classes.emptyTitle")}
          description={filtered ? t("common.noMatchText") : me.abilities.manageClasses ? t("classes.emptyAdmin") : t("classes.emptyOther")}
        />
      );
    }
    return (
      <>
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("classes.title")}</Table.Th>
                <Table.Th scope="col">{t("classes.school")}</Table.Th>
                <Table.Th scope="col">{t("classes.teachers")}</Table.Th>
                <Table.Th scope="col">{t("classes.terms")}</Table.Th>
                <Table.Th scope="col">{t("classes.students")}</Table.Th>
                <Table.Th scope="col">{t("common.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((cls) => (
                <Table.Tr key={cls.id}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/classes/${cls.id}`} fw={600}>
                      {cls.title}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{cls.school.name}</Table.Td>
                  <Table.Td>{teacherNames(cls) || "—"}</Table.Td>
                  <Table.Td>{cls.terms.map((term) => term.title).join(", ") || "—"}</Table.Td>
                  <Table.Td>{cls.studentCount}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={cls.status} />
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
        title={t("nav.classes")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("nav.classes") }]}
        actions={
          me.abilities.manageClasses && (
            <Button component={Link} to="/classes/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t("classes.create")}
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput
          label={t("classes.search")}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setSearch(e.currentTarget.value);
          }}
          leftSection={<IconSearch size={16} aria-hidden />}
          style={{ flex: "1 1 220px" }}
        />
        <SchoolSelect
          label={t("classes.school")}
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
          w={{ base: "100%", xs: 160 }}
        />
      </Group>
      {body()}
    </>
  );
}
