import { Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ClassCards } from "../classes/ClassCards";

/** "My classes" as cards (for teachers; also for a student who has other roles too). */
export function TeacherHome({ asStudent = false }: { asStudent?: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-my-classes">
      <Title order={2} id="home-my-classes" mb="md">
        {t("home.myClasses")}
      </Title>
      <ClassCards emptyTitle={t("home.noClassesTitle")} emptyText={asStudent ? t("student.noClassesText") : t("home.noClassesTeacher")} />
    </section>
  );
}
