import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, TagsInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { ZClassCreate, ZClassUpdate, type TClassCreate, type TClassSummary, type TClassUpdate } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCourses, useTerms } from "../../api/terms";
import { FormAlert } from "../../components/FormAlert";
import { SchoolSelect } from "../../components/SchoolSelect";
import { applyServerErrors, blankToUndefined, zodResolver } from "../../lib/forms";

export interface ClassFormValues {
  schoolId: string;
  title: string;
  classCode: string;
  classType: "homeroom" | "scheduled";
  location: string;
  courseId: string | null;
  termIds: string[];
  grades: string[];
  subjects: string[];
  status: "active" | "inactive";
}

const common = (v: ClassFormValues) => ({
  title: v.title,
  classCode: blankToUndefined(v.classCode),
  classType: v.classType,
  location: blankToUndefined(v.location),
  courseId: v.courseId ?? undefined,
  termIds: v.termIds,
  grades: v.grades,
  subjects: v.subjects,
});
const prepareCreate = (v: ClassFormValues) => ({ ...common(v), schoolId: v.schoolId });
const prepareUpdate = (v: ClassFormValues) => ({ ...common(v), status: v.status });

/** Form values for an existing class (or a blank one). */
export function classFormValues(cls?: TClassSummary): ClassFormValues {
  return {
    schoolId: cls?.school.id ?? "",
    title: cls?.title ?? "",
    classCode: cls?.classCode ?? "",
    classType: cls?.classType ?? "scheduled",
    location: cls?.location ?? "",
    courseId: cls?.course?.id ?? null,
    termIds: cls?.terms.map((term) => term.id) ?? [],
    grades: cls?.grades ?? [],
    subjects: cls?.subjects ?? [],
    status: cls?.status ?? "active",
  };
}

type Props =
  | { mode: "create"; initial?: ClassFormValues; onSubmit: (body: TClassCreate) => Promise<unknown>; onCancel: () => void }
  | { mode: "edit"; initial: ClassFormValues; onSubmit: (body: TClassUpdate) => Promise<unknown>; onCancel: () => void };

/** Create or edit a class, validated with the contract's schema. */
export function ClassForm(props: Props) {
  const { t } = useTranslation();
  const creating = props.mode === "create";
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<ClassFormValues>({
    initialValues: props.initial ?? classFormValues(),
    validate: creating ? zodResolver(ZClassCreate, prepareCreate) : zodResolver(ZClassUpdate, prepareUpdate),
  });
  const terms = useTerms();
  const courses = useCourses();
  const schoolId = form.values.schoolId;
  const fits = (item: { schoolId: string | null }) => item.schoolId === null || item.schoolId === schoolId;
  const courseData = (courses.data ?? [])
    .filter(fits)
    .map((c) => ({ value: c.id, label: c.courseCode ? `${c.title} (${c.courseCode})` : c.title }));
  const termData = (terms.data ?? []).filter(fits).map((term) => ({ value: term.id, label: term.title }));

  async function handleSubmit(values: ClassFormValues) {
    setProblem(null);
    try {
      if (props.mode === "create") await props.onSubmit(ZClassCreate.parse(prepareCreate(values)));
      else await props.onSubmit(ZClassUpdate.parse(prepareUpdate(values)));
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
      <Stack>
        <FormAlert message={problem} />
        {creating && <SchoolSelect label={t("classes.school")} required {...form.getInputProps("schoolId")} />}
        <TextInput label={t("classes.title")} required {...form.getInputProps("title")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("classes.code")} {...form.getInputProps("classCode")} />
          <Select
            label={t("classes.type")}
            data={[
              { value: "scheduled", label: t("classes.types.scheduled") },
              { value: "homeroom", label: t("classes.types.homeroom") },
            ]}
            allowDeselect={false}
            {...form.getInputProps("classType")}
          />
          <TextInput label={t("classes.location")} {...form.getInputProps("location")} />
          <Select label={t("classes.course")} data={courseData} clearable searchable {...form.getInputProps("courseId")} />
        </SimpleGrid>
        <MultiSelect label={t("classes.terms")} data={termData} clearable searchable {...form.getInputProps("termIds")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TagsInput label={t("classes.grades")} description={t("common.tagsHelp")} {...form.getInputProps("grades")} />
          <TagsInput label={t("classes.subjects")} description={t("common.tagsHelp")} {...form.getInputProps("subjects")} />
        </SimpleGrid>
        {!creating && (
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
            {creating ? t("classes.create") : t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
