import { Paper, Title } from "@mantine/core";
import { IconUsers } from "@tabler/icons-react";
import type { TClassSummary } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { useRoster } from "../../api/classes";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { Classmates } from "./Classmates";
import { EnrolForm } from "./EnrolForm";
import { RosterTable } from "./RosterTable";

interface Props {
  cls: TClassSummary;
  classPolicies: Record<string, boolean>;
  studentView: boolean;
}

/** The roster: a table with actions for teachers and admins, names for students. */
export function RosterSection({ cls, classPolicies, studentView }: Props) {
  const { t } = useTranslation();
  const roster = useRoster(cls.id);
  const policies = { ...classPolicies, ...(roster.data?.policies ?? {}) };

  function body() {
    if (roster.isPending) return <ListSkeleton rows={6} />;
    if (roster.isError) return <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />;
    const entries = roster.data.data;
    if (entries.length === 0) {
      return (
        <EmptyState
          icon={<IconUsers aria-hidden />}
          title={t("roster.emptyTitle")}
          description={policies.enrol ? t("roster.emptyAdmin") : t("roster.emptyOther")}
        />
      );
    }
    if (studentView) return <Classmates entries={entries} />;
    return (
      <RosterTable classId={cls.id} entries={entries} canEnrol={!!policies.enrol} canResetPasswords={!!policies.resetStudentPasswords} />
    );
  }

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="class-roster">
      <Title order={2} id="class-roster" fz="h3" mb="md">
        {studentView ? t("roster.peopleInClass") : t("roster.title")}
      </Title>
      {policies.enrol && !studentView && <EnrolForm classId={cls.id} schoolId={cls.school.id} />}
      {body()}
    </Paper>
  );
}
