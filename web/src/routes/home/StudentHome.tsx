import { Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/PageHeader";
import { ClassCards } from "../classes/ClassCards";
import { MyGroupsLink } from "../groups/MyGroupsLink";
import { MyTasksSection } from "../tasks/MyTasksSection";

/** A young student's home: their classes as big cards with plain words. */
export function StudentHome({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("student.hello", { name })} actions={<MyGroupsLink />} />
      <section aria-labelledby="student-classes">
        <Title order={2} id="student-classes" mb="md" fz="h2">
          {t("student.yourClasses")}
        </Title>
        <ClassCards large emptyTitle={t("student.noClassesTitle")} emptyText={t("student.noClassesText")} />
      </section>
      <MyTasksSection />
    </>
  );
}
