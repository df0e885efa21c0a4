import { Badge } from "@mantine/core";
import type { TRoleAssignment } from "@stoa/contracts";
import { useTranslation } from "react-i18next";

/** Active / inactive. */
export function StatusBadge({ status }: { status: "active" | "inactive" }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === "active" ? "green" : "gray"} variant="light" tt="none">
      {t(`status.${status}`)}
    </Badge>
  );
}

/** A role with its school, e.g. "Teacher · Lincoln Elementary". */
export function RoleBadge({ role }: { role: TRoleAssignment }) {
  const { t } = useTranslation();
  const where = role.schoolName ?? t("roles.districtWide");
  const kind = role.staffKind ? ` (${t(`staffKinds.${role.staffKind}`)})` : "";
  return (
    <Badge variant="light" tt="none" style={{ maxWidth: "100%" }}>
      {t(`roles.${role.role}`)}
      {kind} · {where}
    </Badge>
  );
}
