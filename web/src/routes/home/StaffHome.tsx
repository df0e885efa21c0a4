import { Button, Title } from "@mantine/core";
import type { TMe } from "@stoa/contracts";
import { IconUsers } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { canSeePeople } from "../../lib/people";
import { ClassCards } from "../classes/ClassCards";

/** Staff (counsellors, interventionists, aides): the classes and people they can see. */
export function StaffHome({ me }: { me: TMe }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="home-staff-classes">
      <Title order={2} id="home-staff-classes" mb="md">
        {t("home.classesYouSee")}
      </Title>
      <ClassCards emptyTitle={t("home.noClassesTitle")} emptyText={t("home.noClassesStaff")} />
      {canSeePeople(me) && (
        <Button component={Link} to="/people" mt="md" variant="light" leftSection={<IconUsers size={16} aria-hidden />}>
          {t("home.findPeople")}
        </Button>
      )}
    </section>
  );
}
