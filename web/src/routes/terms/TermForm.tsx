import { Button, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { termTypes, ZTermCreate, type TTermCreate } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "../../components/FormAlert";
import { DISTRICT, SchoolSelect } from "../../components/SchoolSelect";
import { applyServerErrors, zodResolver } from "../../lib/forms";

interface Values {
  schoolId: string;
  title: string;
  type: string;
  startDate: string;
  endDate: string;
}

const prepare = (v: Values) => ({ ...v, schoolId: v.schoolId === DISTRICT ? null : v.schoolId });

/** Create a term (school year, semester, term or grading period), for a school or the whole district. */
export function TermForm({ onSubmit, onCancel }: { onSubmit: (body: TTermCreate) => Promise<unknown>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { schoolId: DISTRICT, title: "", type: "term", startDate: "", endDate: "" },
    validate: zodResolver(ZTermCreate, prepare),
  });

  async function handleSubmit(values: Values) {
    setProblem(null);
    try {
      await onSubmit(ZTermCreate.parse(prepare(values)));
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
      <Stack>
        <FormAlert message={problem} />
        <TextInput label={t("terms.titleField")} required data-autofocus {...form.getInputProps("title")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("terms.type")}
            data={termTypes.map((type) => ({ value: type, label: t(`terms.types.${type}`) }))}
            allowDeselect={false}
            {...form.getInputProps("type")}
          />
          <SchoolSelect label={t("terms.school")} withDistrict allowDeselect={false} {...form.getInputProps("schoolId")} />
          <TextInput type="date" label={t("terms.startDate")} required {...form.getInputProps("startDate")} />
          <TextInput type="date" label={t("terms.endDate")} required {...form.getInputProps("endDate")} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("terms.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
