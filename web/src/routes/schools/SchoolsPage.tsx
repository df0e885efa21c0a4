import { Button, Modal, Table } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconBuildingCommunity, IconPlus } from "@tabler/icons-react";
import type { TMe, TSchool } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../../api/me";
import { useCreateSchool, useSchools, useUpdateSchool } from "../../api/schools";
import { StatusBadge } from "../../components/Badges";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager, pageOf } from "../../components/Pager";
import { SchoolForm } from "./SchoolForm";

const pageSize = 25;
const isDistrictAdmin = (me: TMe) => me.roles.some((r) => r.role === "district_admin");
const canEdit = (me: TMe, school: TSchool) =>
  isDistrictAdmin(me) || me.roles.some((r) => r.role === "school_admin" && r.schoolId === school.id);

/** The district's schools: district admins add and edit them; school admins edit their own. */
export function SchoolsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const schools = useSchools();
  const create = useCreateSchool();
  const update = useUpdateSchool();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<TSchool | "new" | null>(null);
  const close = () => setEditing(null);

  function body() {
    if (schools.isPending) return <ListSkeleton rows={5} />;
    if (schools.isError) return <ErrorState error={schools.error} onRetry={() => void schools.refetch()} />;
    if (schools.data.length === 0) {
      return (
        <EmptyState icon={<IconBuildingCommunity aria-hidden />} title={t("schools.emptyTitle")} description={t("schools.emptyText")} />
      );
    }
    return (
      <>
        <Table.ScrollContainer minWidth={600}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("schools.name")}</Table.Th>
                <Table.Th scope="col">{t("schools.identifier")}</Table.Th>
                <Table.Th scope="col">{t("schools.timeZone")}</Table.Th>
                <Table.Th scope="col">{t("common.status")}</Table.Th>
                <Table.Th scope="col">{t("common.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pageOf(schools.data, page, pageSize).map((school) => (
                <Table.Tr key={school.id}>
                  <Table.Th scope="row">{school.name}</Table.Th>
                  <Table.Td>{school.identifier ?? "—"}</Table.Td>
                  <Table.Td>{school.timeZone}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={school.status} />
                  </Table.Td>
                  <Table.Td>
                    {canEdit(me, school) && (
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setEditing(school)}
                        aria-label={t("schools.editName", { name: school.name })}
                      >
                        {t("common.edit")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager page={page} pageSize={pageSize} total={schools.data.length} onChange={setPage} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t("nav.schools")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("nav.schools") }]}
        actions={
          me.abilities.manageSchools && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing("new")}>
              {t("schools.create")}
            </Button>
          )
        }
      />
      {body()}
      <Modal opened={editing !== null} onClose={close} title={editing === "new" ? t("schools.create") : t("schools.edit")}>
        {editing === "new" && (
          <SchoolForm
            canEditRecord={isDistrictAdmin(me)}
            onCancel={close}
            onSubmit={async (body) => {
              const school = await create.mutateAsync(body);
              notifications.show({ color: "green", message: t("schools.created", { name: school.name }) });
              close();
            }}
          />
        )}
        {editing !== null && editing !== "new" && (
          <SchoolForm
            school={editing}
            canEditRecord={isDistrictAdmin(me)}
            onCancel={close}
            onSubmit={async (body) => {
              await update.mutateAsync({ id: editing.id, ...body });
              notifications.show({ color: "green", message: t("common.saved") });
              close();
            }}
          />
        )}
      </Modal>
    </>
  );
}
