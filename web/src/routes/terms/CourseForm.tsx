import { Button, Group, SimpleGrid, Stack, TagsInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { ZCourseCreate, type TCourseCreate } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "../../components/FormAlert";
import { DISTRICT, SchoolSelect } from "../../components/SchoolSelect";
import { applyServerErrors, blankToUndefined, zodResolver } from "../../lib/forms";

interface Values {
  schoolId: string;
  title: string;
  courseCode: string;
  grades: string[];
  subjects: string[];
}

const prepare = (v: Values) => ({
  ...v,
  schoolId: v.schoolId === DISTRICT ? null : v.schoolId,
  courseCode: blankToUndefined(v.courseCode),
});

/** Create a course, for a school or the whole district. */
export function CourseForm({ onSubmit, onCancel }: { onSubmit: (body: TCourseCreate) => Promise<unknown>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { schoolId: DISTRICT, title: "", courseCode: "", grades: [], subjects: [] },
    validate: zodResolver(ZCourseCreate, prepare),
  });

  async function handleSubmit(values: Values) {
    setProblem(null);
    try {
      await onSubmit(ZCourseCreate.parse(prepare(values)));
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
      <Stack>
        <FormAlert message={problem} />
        <TextInput label={t("courses.titleField")} required data-autofocus {...form.getInputProps("title")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("courses.code")} {...form.getInputProps("courseCode")} />
          <SchoolSelect label={t("courses.school")} withDistrict allowDeselect={false} {...form.getInputProps("schoolId")} />
        </SimpleGrid>
        <TagsInput label={t("courses.grades")} description={t("common.tagsHelp")} {...form.getInputProps("grades")} />
        <TagsInput label={t("courses.subjects")} description={t("common.tagsHelp")} {...form.getInputProps("subjects")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("courses.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
