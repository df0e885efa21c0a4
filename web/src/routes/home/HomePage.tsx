import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../../api/me";
import { PageHeader } from "../../components/PageHeader";
import { isAdmin, roleSet } from "../../lib/people";
import { AdminDashboard } from "./AdminDashboard";
import { GuardianHome } from "./GuardianHome";
import { StaffHome } from "./StaffHome";
import { StudentHome } from "./StudentHome";
import { TeacherHome } from "./TeacherHome";

/** Home: one section per kind of work the person does, most responsible first. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const roles = roleSet(me.roles);
  const name = me.user.preferredName || me.user.givenName;
  const studentOnly = roles.has("student") && roles.size === 1;
  const roleSummary = [...roles].map((role) => t(`roles.${role}`)).join(" · ") + ` · ${me.district.name}`;

  if (studentOnly) return <StudentHome name={name} />;

  return (
    <>
      <PageHeader title={t("home.welcome", { name })} description={roleSummary} />
      <Stack gap="xl">
        {isAdmin(me.roles) && <AdminDashboard me={me} />}
        {roles.has("teacher") && <TeacherHome />}
        {roles.has("staff") && <StaffHome me={me} />}
        {roles.has("guardian") && <GuardianHome />}
        {roles.has("student") && <TeacherHome asStudent />}
      </Stack>
    </>
  );
}
