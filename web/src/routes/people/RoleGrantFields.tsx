import { Select, SimpleGrid } from "@mantine/core";
import type { GetInputPropsReturnType } from "@mantine/form";
import { roleNames, staffKinds } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { SchoolSelect } from "../../components/SchoolSelect";

export interface GrantValues {
  role: string;
  schoolId: string | null;
  staffKind: string | null;
}

/** A blank grant row. */
export const blankGrant = (): GrantValues => ({ role: "student", schoolId: null, staffKind: null });

/** Turns form values into a RoleGrant payload. */
export const prepareGrant = (v: GrantValues) => ({
  role: v.role,
  schoolId: v.schoolId,
  staffKind: v.role === "staff" ? v.staffKind : null,
});

interface Props {
  role: string;
  /** getInputProps for one of the grant's fields. */
  input: (name: keyof GrantValues) => GetInputPropsReturnType;
  /** Distinguishes rows when several grants are on one form. */
  labelSuffix?: string;
}

/** Role, school and (for staff) kind: the choices of a role grant. District admins are appointed elsewhere. */
export function RoleGrantFields({ role, input, labelSuffix = "" }: Props) {
  const { t } = useTranslation();
  const roles = roleNames.filter((r) => r !== "district_admin");
  return (
    <SimpleGrid cols={{ base: 1, sm: role === "staff" ? 3 : 2 }} style={{ flex: 1 }}>
      <Select
        label={`${t("people.role")}${labelSuffix}`}
        data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        allowDeselect={false}
        required
        {...input("role")}
      />
      <SchoolSelect label={`${t("people.school")}${labelSuffix}`} required {...input("schoolId")} />
      {role === "staff" && (
        <Select
          label={`${t("people.staffKind")}${labelSuffix}`}
          data={staffKinds.map((k) => ({ value: k, label: t(`staffKinds.${k}`) }))}
          required
          {...input("staffKind")}
        />
      )}
    </SimpleGrid>
  );
}
