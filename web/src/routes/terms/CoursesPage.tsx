import { Button, Modal, Table } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconBook, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSchools } from "../../api/schools";
import { useCourses, useCreateCourse } from "../../api/terms";
import { StatusBadge } from "../../components/Badges";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager, pageOf } from "../../components/Pager";
import { CourseForm } from "./CourseForm";

const pageSize = 25;

/** Courses that classes are sections of. */
export function CoursesPage() {
  const { t } = useTranslation();
  const courses = useCourses();
  const schools = useSchools();
  const create = useCreateCourse();
  const [page, setPage] = useState(1);
  const [opened, { open, close }] = useDisclosure(false);
  const schoolName = (id: string | null) => (id ? (schools.data?.find((s) => s.id === id)?.name ?? "—") : t("roles.districtWide"));

  function body() {
    if (courses.isPending) return <ListSkeleton rows={6} />;
    if (courses.isError) return <ErrorState error={courses.error} onRetry={() => void courses.refetch()} />;
    if (courses.data.length === 0) {
      return <EmptyState icon={<IconBook aria-hidden />} title={t("courses.emptyTitle")} description={t("courses.emptyText")} />;
    }
    const sorted = [...courses.data].sort((a, b) => a.title.localeCompare(b.title));
    return (
      <>
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("courses.titleField")}</Table.Th>
                <Table.Th scope="col">{t("courses.code")}</Table.Th>
                <Table.Th scope="col">{t("courses.school")}</Table.Th>
                <Table.Th scope="col">{t("courses.grades")}</Table.Th>
                <Table.Th scope="col">{t("courses.subjects")}</Table.Th>
                <Table.Th scope="col">{t("common.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pageOf(sorted, page, pageSize).map((course) => (
                <Table.Tr key={course.id}>
                  <Table.Th scope="row">{course.title}</Table.Th>
                  <Table.Td>{course.courseCode ?? "—"}</Table.Td>
                  <Table.Td>{schoolName(course.schoolId)}</Table.Td>
                  <Table.Td>{course.grades.join(", ") || "—"}</Table.Td>
                  <Table.Td>{course.subjects.join(", ") || "—"}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={course.status} />
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
        title={t("nav.courses")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("nav.courses") }]}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
            {t("courses.create")}
          </Button>
        }
      />
      {body()}
      <Modal opened={opened} onClose={close} title={t("courses.create")} size="lg">
        <CourseForm
          onCancel={close}
          onSubmit={async (input) => {
            const course = await create.mutateAsync(input);
            notifications.show({ color: "green", message: t("courses.created", { title: course.title }) });
            close();
          }}
        />
      </Modal>
    </>
  );
}
