import { Select, type SelectProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSchools } from "../api/schools";

interface Props extends Omit<SelectProps, "data"> {
  /** Offer "District-wide" (value DISTRICT) as a choice. */
  withDistrict?: boolean;
}

/** The value SchoolSelect uses for "the whole district" (schoolId null). */
export const DISTRICT = "district";

/** A school chooser fed by GET /api/schools. */
export function SchoolSelect({ withDistrict, ...props }: Props) {
  const { t } = useTranslation();
  const schools = useSchools();
  const data = (schools.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  if (withDistrict) data.unshift({ value: DISTRICT, label: t("roles.districtWide") });
  return <Select data={data} searchable={data.length > 8} disabled={schools.isPending} {...props} />;
}
