import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconPlus } from "@tabler/icons-react";
import { ZRoleGrant, type TPersonDetail } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useGrantRole, useRevokeRole } from "../../api/people";
import { RoleBadge } from "../../components/Badges";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormAlert } from "../../components/FormAlert";
import { applyServerErrors, zodResolver } from "../../lib/forms";
import { displayName } from "../../lib/people";
import { blankGrant, prepareGrant, RoleGrantFields, type GrantValues } from "./RoleGrantFields";

/** A person's roles, with revoke and grant for admins. */
export function PersonRoles({ person, canGrant }: { person: TPersonDetail; canGrant: boolean }) {
  const { t } = useTranslation();
  const grant = useGrantRole(person.id);
  const revoke = useRevokeRole(person.id);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<GrantValues>({ initialValues: blankGrant(), validate: zodResolver(ZRoleGrant, prepareGrant) });
  const name = displayName(person);

  async function handleGrant(values: GrantValues) {
    setProblem(null);
    try {
      await grant.mutateAsync(ZRoleGrant.parse(prepareGrant(values)));
      notifications.show({ color: "green", message: t("people.roleGranted") });
      form.reset();
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  }

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="person-roles">
      <Title order={2} id="person-roles" fz="h3" mb="md">
        {t("people.roles")}
      </Title>
      {person.roles.length === 0 ? (
        <Text c="dimmed">{t("people.noRoles")}</Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {person.roles.map((role) => {
            const label = `${t(`roles.${role.role}`)} · ${role.schoolName ?? t("roles.districtWide")}`;
            return (
              <Group component="li" key={role.id} justify="space-between" wrap="nowrap">
                <RoleBadge role={role} />
                {canGrant && (
                  <ConfirmButton
                    label={t("people.revoke")}
                    ariaLabel={t("people.revokeRole", { role: label })}
                    title={t("people.revokeTitle")}
                    message={t("people.revokeText", { role: label, name })}
                    onConfirm={async () => {
                      await revoke.mutateAsync(role.id);
                      notifications.show({ color: "green", message: t("people.roleRevoked") });
                    }}
                  />
                )}
              </Group>
            );
          })}
        </Stack>
      )}
      {canGrant && (
        <form onSubmit={form.onSubmit(handleGrant)} noValidate aria-labelledby="grant-role-title">
          <Title order={3} fz="h5" mt="lg" mb="xs" id="grant-role-title">
            {t("people.grantRole")}
          </Title>
          <FormAlert message={problem} />
          <Group align="flex-end" gap="sm" mt={problem ? "sm" : 0}>
            <RoleGrantFields role={form.values.role} input={(field) => form.getInputProps(field)} />
            <Button type="submit" loading={form.submitting} leftSection={<IconPlus size={16} aria-hidden />}>
              {t("people.grant")}
            </Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}
