import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, TagsInput, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { ZPersonCreate } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCreatePerson } from "../../api/people";
import { FormAlert } from "../../components/FormAlert";
import { PageHeader } from "../../components/PageHeader";
import { applyServerErrors, blankToNull, blankToUndefined, zodResolver } from "../../lib/forms";
import { displayName } from "../../lib/people";
import { blankGrant, prepareGrant, RoleGrantFields, type GrantValues } from "./RoleGrantFields";
import { PasswordField } from "../../components/PasswordField";

interface Values {
  username: string;
  email: string;
  givenName: string;
  familyName: string;
  preferredName: string;
  grades: string[];
  password: string;
  roles: GrantValues[];
}

const prepare = (v: Values) => ({
  username: v.username,
  email: blankToNull(v.email),
  givenName: v.givenName,
  familyName: v.familyName,
  preferredName: blankToNull(v.preferredName),
  grades: v.grades,
  password: blankToUndefined(v.password),
  roles: v.roles.map(prepareGrant),
});

/** Add one person by hand (most arrive through roster imports). */
export function PersonCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePerson();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      username: "",
      email: "",
      givenName: "",
      familyName: "",
      preferredName: "",
      grades: [],
      password: "",
      roles: [blankGrant()],
    },
    validate: zodResolver(ZPersonCreate, prepare),
  });

  async function handleSubmit(values: Values) {
    setProblem(null);
    try {
      const person = await create.mutateAsync(ZPersonCreate.parse(prepare(values)));
      notifications.show({ color: "green", message: t("people.created", { name: displayName(person) }) });
      await navigate(`/people/${person.id}`);
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  }

  const many = form.values.roles.length > 1;
  return (
    <>
      <PageHeader
        title={t("people.create")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("nav.people"), to: "/people" }, { label: t("people.create") }]}
      />
      <Paper withBorder p="lg" radius="md" maw={860}>
        <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
          <Stack>
            <FormAlert message={problem ?? (form.errors.roles as string | undefined) ?? null} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t("people.givenName")} required {...form.getInputProps("givenName")} />
              <TextInput label={t("people.familyName")} required {...form.getInputProps("familyName")} />
              <TextInput label={t("people.preferredName")} {...form.getInputProps("preferredName")} />
              <TextInput
                label={t("people.username")}
                required
                autoCapitalize="none"
                spellCheck={false}
                {...form.getInputProps("username")}
              />
              <TextInput label={t("people.email")} type="email" {...form.getInputProps("email")} />
              <PasswordField
                label={t("people.initialPassword")}
                description={t("people.initialPasswordHelp")}
                autoComplete="new-password"
                {...form.getInputProps("password")}
              />
            </SimpleGrid>
            <TagsInput label={t("people.grades")} description={t("common.tagsHelp")} {...form.getInputProps("grades")} />
            <Title order={2} fz="h4" mt="sm">
              {t("people.roles")}
            </Title>
            {form.values.roles.map((role, index) => (
              <Group key={index} align="flex-end" wrap="nowrap" gap="xs">
                <RoleGrantFields
                  role={role.role}
                  input={(field) => form.getInputProps(`roles.${index}.${field}`)}
                  labelSuffix={many ? ` ${index + 1}` : ""}
                />
                {many && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mb={4}
                    onClick={() => form.removeListItem("roles", index)}
                    aria-label={t("people.removeRoleRow", { n: index + 1 })}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => form.insertListItem("roles", blankGrant())}
              >
                {t("people.addRole")}
              </Button>
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void navigate("/people")}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={form.submitting}>
                {t("people.create")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
