import { Button, Group, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { ZSchoolCreate, ZSchoolUpdate, type TSchool, type TSchoolCreate, type TSchoolUpdate } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "../../components/FormAlert";
import { applyServerErrors, blankToUndefined, zodResolver } from "../../lib/forms";

interface Values {
  name: string;
  identifier: string;
  timeZone: string;
  status: "active" | "inactive";
}

const zones = typeof Intl.supportedValuesOf === "function" ? ["UTC", ...Intl.supportedValuesOf("timeZone")] : ["UTC"];

type Props =
  | { school?: undefined; canEditRecord: boolean; onSubmit: (body: TSchoolCreate) => Promise<unknown>; onCancel: () => void }
  | { school: TSchool; canEditRecord: boolean; onSubmit: (body: TSchoolUpdate) => Promise<unknown>; onCancel: () => void };

/** Create or edit a school; identifier and status are the district's (district admins only). */
export function SchoolForm(props: Props) {
  const { t } = useTranslation();
  const { school, canEditRecord } = props;
  const [problem, setProblem] = useState<string | null>(null);
  const prepare = (v: Values) => {
    const base = { name: v.name, timeZone: v.timeZone };
    if (!canEditRecord) return base;
    return { ...base, identifier: blankToUndefined(v.identifier), ...(school ? { status: v.status } : {}) };
  };
  const form = useForm<Values>({
    initialValues: {
      name: school?.name ?? "",
      identifier: school?.identifier ?? "",
      timeZone: school?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC",
      status: school?.status ?? "active",
    },
    validate: zodResolver(school ? ZSchoolUpdate : ZSchoolCreate, prepare),
  });

  async function handleSubmit(values: Values) {
    setProblem(null);
    try {
      if (props.school) await props.onSubmit(ZSchoolUpdate.parse(prepare(values)));
      else await props.onSubmit(ZSchoolCreate.parse(prepare(values)));
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
      <Stack>
        <FormAlert message={problem} />
        <TextInput label={t("schools.name")} required data-autofocus {...form.getInputProps("name")} />
        <TextInput
          label={t("schools.identifier")}
          disabled={!canEditRecord}
          description={canEditRecord ? undefined : t("schools.identifierLocked")}
          {...form.getInputProps("identifier")}
        />
        <Select
          label={t("schools.timeZone")}
          data={zones}
          searchable
          allowDeselect={false}
          limit={50}
          {...form.getInputProps("timeZone")}
        />
        {school && canEditRecord && (
          <Select
            label={t("common.status")}
            data={[
              { value: "active", label: t("status.active") },
              { value: "inactive", label: t("status.inactive") },
            ]}
            allowDeselect={false}
            {...form.getInputProps("status")}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {school ? t("common.save") : t("schools.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
