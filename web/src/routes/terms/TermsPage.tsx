import { Button, Modal, Table } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconCalendar, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSchools } from "../../api/schools";
import { useCreateTerm, useTerms } from "../../api/terms";
import { StatusBadge } from "../../components/Badges";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager, pageOf } from "../../components/Pager";
import { formatDate } from "../../lib/format";
import { TermForm } from "./TermForm";

const pageSize = 25;

/** School years, semesters, terms and grading periods. */
export function TermsPage() {
  const { t } = useTranslation();
  const terms = useTerms();
  const schools = useSchools();
  const create = useCreateTerm();
  const [page, setPage] = useState(1);
  const [opened, { open, close }] = useDisclosure(false);
  const schoolName = (id: string | null) => (id ? (schools.data?.find((s) => s.id === id)?.name ?? "—") : t("roles.districtWide"));

  function body() {
    if (terms.isPending) return <ListSkeleton rows={6} />;
    if (terms.isError) return <ErrorState error={terms.error} onRetry={() => void terms.refetch()} />;
    if (terms.data.length === 0) {
      return <EmptyState icon={<IconCalendar aria-hidden />} title={t("terms.emptyTitle")} description={t("terms.emptyText")} />;
    }
    const sorted = [...terms.data].sort((a, b) => b.startDate.localeCompare(a.startDate));
    return (
      <>
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("terms.titleField")}</Table.Th>
                <Table.Th scope="col">{t("terms.type")}</Table.Th>
                <Table.Th scope="col">{t("terms.startDate")}</Table.Th>
                <Table.Th scope="col">{t("terms.endDate")}</Table.Th>
                <Table.Th scope="col">{t("terms.school")}</Table.Th>
                <Table.Th scope="col">{t("common.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pageOf(sorted, page, pageSize).map((term) => (
                <Table.Tr key={term.id}>
                  <Table.Th scope="row">{term.title}</Table.Th>
                  <Table.Td>{t(`terms.types.${term.type}`)}</Table.Td>
                  <Table.Td>{formatDate(term.startDate)}</Table.Td>
                  <Table.Td>{formatDate(term.endDate)}</Table.Td>
                  <Table.Td>{schoolName(term.schoolId)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={term.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager page={page} pageSize={pageSize} total={sorted.length} onChange={setPage} />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t("nav.terms")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("nav.terms") }]}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
            {t("terms.create")}
          </Button>
        }
      />
      {body()}
      <Modal opened={opened} onClose={close} title={t("terms.create")} size="lg">
        <TermForm
          onCancel={close}
          onSubmit={async (input) => {
            const term = await create.mutateAsync(input);
            notifications.show({ color: "green", message: t("terms.created", { title: term.title }) });
            close();
          }}
        />
      </Modal>
    </>
  );
}
