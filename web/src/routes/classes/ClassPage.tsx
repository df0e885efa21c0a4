import { Badge, Button, Group, Modal, Paper, Stack, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconPencil } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useLiveClass } from "../../realtime/live";
import { useClass, useUpdateClass } from "../../api/classes";
import { useCurrentUser } from "../../api/me";
import { Details } from "../../components/Details";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader, type Crumb } from "../../components/PageHeader";
import { StatusBadge } from "../../components/Badges";
import { roleSet } from "../../lib/people";
import { ClassForm, classFormValues } from "./ClassForm";
import { RosterSection } from "./RosterSection";
import { teacherNames } from "./ClassCard";
import { GroupsLink } from "../groups/GroupsLink";
import { ClassTasksSection } from "../tasks/ClassTasksSection";
import { DiscussionsLink } from "../discussions/DiscussionsLink";
import { ChatPanel } from "../chat/ChatPanel";
import { ClassBrainstormSection } from "../brainstorm/BoardList";

/** One class: its details and its roster (full for teachers and admins, names for students). */
export function ClassPage() {
  const { t } = useTranslation();
  const { classId = "" } = useParams();
  useLiveClass(classId);
  const me = useCurrentUser();
  const query = useClass(classId);
  const update = useUpdateClass(classId);
  const [editing, edit] = useDisclosure(false);
  const studentOnly = roleSet(me.roles).size === 1 && roleSet(me.roles).has("student");
  const crumbs: Crumb[] = [{ label: t("nav.home"), to: "/" }];
  if (!studentOnly) crumbs.push({ label: t("nav.classes"), to: "/classes" });

  if (query.isPending) {
    return (
      <>
        <PageHeader title={t("classes.loadingTitle")} breadcrumbs={[...crumbs, { label: t("common.loading") }]} />
        <ListSkeleton rows={6} />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("classes.pageTitle")} breadcrumbs={[...crumbs, { label: t("classes.pageTitle") }]} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }

  const { data: cls, policies = {} } = query.data;
  const studentView = cls.myRole === "student" && !policies.viewFullRoster;

  return (
    <>
      <PageHeader
        title={cls.title}
        breadcrumbs={[...crumbs, { label: cls.title }]}
        description={studentView ? t("classes.teacherLine", { names: teacherNames(cls) }) : cls.school.name}
        actions={
          policies.edit ? (
            <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={edit.open}>
              {t("classes.edit")}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="xl">
        <Group>
          <GroupsLink classId={cls.id} myRole={cls.myRole} canAdminister={Boolean(policies.edit)} />
          {(cls.myRole === "teacher" || cls.myRole === "student" || policies.edit) && <DiscussionsLink classId={cls.id} />}
        </Group>
        {!studentView && (
          <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="class-details">
            <Group justify="space-between" mb="md">
              <Title order={2} id="class-details" fz="h3">
                {t("classes.details")}
              </Title>
              <StatusBadge status={cls.status} />
            </Group>
            <Details
              items={[
                { label: t("classes.school"), value: cls.school.name },
                { label: t("classes.course"), value: cls.course?.title },
                { label: t("classes.code"), value: cls.classCode },
                { label: t("classes.type"), value: t(`classes.types.${cls.classType}`) },
                { label: t("classes.location"), value: cls.location },
                { label: t("classes.terms"), value: cls.terms.map((term) => term.title).join(", ") },
                { label: t("classes.teachers"), value: teacherNames(cls) },
                { label: t("classes.grades"), value: cls.grades.join(", ") },
                {
                  label: t("classes.subjects"),
                  value: cls.subjects.length
                    ? cls.subjects.map((s) => (
                        <Badge key={s} variant="light" color="gray" tt="none" mr={4}>
                          {s}
                        </Badge>
                      ))
                    : "",
                },
                { label: t("classes.students"), value: String(cls.studentCount) },
              ]}
            />
          </Paper>
        )}
        <RosterSection cls={cls} classPolicies={policies} studentView={studentView} />
        <ClassTasksSection classId={cls.id} />
        <ChatPanel target={{ kind: "class", id: cls.id }} showOpenLink hideWhenUnavailable />
        {(cls.myRole === "teacher" || cls.myRole === "student" || policies.edit) && <ClassBrainstormSection classId={cls.id} />}
      </Stack>
      <Modal opened={editing} onClose={edit.close} title={t("classes.edit")} size="lg">
        <ClassForm
          mode="edit"
          initial={classFormValues(cls)}
          onCancel={edit.close}
          onSubmit={async (body) => {
            await update.mutateAsync(body);
            notifications.show({ color: "green", message: t("classes.saved") });
            edit.close();
          }}
        />
      </Modal>
    </>
  );
}
