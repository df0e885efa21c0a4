import { Button, Group, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { ZChangePasswordRequest, type TChangePasswordRequest } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useChangePassword } from "../../api/me";
import { FormAlert } from "../../components/FormAlert";
import { applyServerErrors, zodResolver } from "../../lib/forms";
import { PasswordField } from "../../components/PasswordField";

/** Change one's own password: current, then new (8+ characters; common ones are refused). */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<TChangePasswordRequest>({
    initialValues: { currentPassword: "", newPassword: "" },
    validate: zodResolver(ZChangePasswordRequest),
  });

  async function handleSubmit(values: TChangePasswordRequest) {
    setProblem(null);
    try {
      await change.mutateAsync(values);
      form.reset();
      notifications.show({ color: "green", message: t("profile.passwordChanged") });
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
      <Stack maw={420}>
        <Text size="sm">{t("profile.passwordHelp")}</Text>
        <FormAlert message={problem} />
        <PasswordField
          label={t("profile.currentPassword")}
          autoComplete="current-password"
          required
          {...form.getInputProps("currentPassword")}
        />
        <PasswordField label={t("profile.newPassword")} autoComplete="new-password" required {...form.getInputProps("newPassword")} />
        <Group>
          <Button type="submit" loading={form.submitting}>
            {t("profile.changePassword")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
