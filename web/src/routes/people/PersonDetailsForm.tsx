import { Button, Group, SimpleGrid, Stack, TagsInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { ZPersonUpdate, type TPersonDetail } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useUpdatePerson } from "../../api/people";
import { Details } from "../../components/Details";
import { FormAlert } from "../../components/FormAlert";
import { applyServerErrors, blankToNull, zodResolver } from "../../lib/forms";

interface Values {
  givenName: string;
  familyName: string;
  preferredName: string;
  email: string;
  grades: string[];
}

const prepare = (v: Values) => ({
  givenName: v.givenName,
  familyName: v.familyName,
  preferredName: blankToNull(v.preferredName),
  email: blankToNull(v.email),
  grades: v.grades,
});

/** A person's names, email and grades: a form when the caller may edit, a list otherwise. */
export function PersonDetailsForm({ person, canEdit }: { person: TPersonDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const update = useUpdatePerson(person.id);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      givenName: person.givenName,
      familyName: person.familyName,
      preferredName: person.preferredName ?? "",
      email: person.email ?? "",
      grades: person.grades,
    },
    validate: zodResolver(ZPersonUpdate, prepare),
  });

  if (!canEdit) {
    return (
      <Details
        items={[
          { label: t("people.username"), value: person.username },
          { label: t("people.givenName"), value: person.givenName },
          { label: t("people.familyName"), value: person.familyName },
          { label: t("people.preferredName"), value: person.preferredName },
          { label: t("people.email"), value: person.email },
          { label: t("people.grades"), value: person.grades.join(", ") },
        ]}
      />
    );
  }

  async function handleSubmit(values: Values) {
    setProblem(null);
    try {
      await update.mutateAsync(ZPersonUpdate.parse(prepare(values)));
      form.resetDirty();
      notifications.show({ color: "green", message: t("common.saved") });
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
      <Stack>
        <FormAlert message={problem} />
        <TextInput label={t("people.username")} value={person.username} readOnly description={t("people.usernameFixed")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t("people.givenName")} required {...form.getInputProps("givenName")} />
          <TextInput label={t("people.familyName")} required {...form.getInputProps("familyName")} />
          <TextInput label={t("people.preferredName")} {...form.getInputProps("preferredName")} />
          <TextInput label={t("people.email")} type="email" {...form.getInputProps("email")} />
        </SimpleGrid>
        <TagsInput label={t("people.grades")} description={t("common.tagsHelp")} {...form.getInputProps("grades")} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
            {t("people.saveDetails")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
