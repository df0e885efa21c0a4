import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { ZResetPasswordRequest, type TResetPasswordRequest } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useResetPassword } from "../api/classes";
import { applyServerErrors, zodResolver } from "../lib/forms";
import { FormAlert } from "./FormAlert";
import { PasswordField } from "./PasswordField";

interface Props {
  person: { id: string; name: string } | null;
  onClose: () => void;
}

/** Sets a new password for someone else (an admin, or a teacher for their student). */
export function ResetPasswordModal({ person, onClose }: Props) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<TResetPasswordRequest>({ initialValues: { newPassword: "" }, validate: zodResolver(ZResetPasswordRequest) });

  function handleClose() {
    form.reset();
    setProblem(null);
    onClose();
  }

  function handleSubmit(values: TResetPasswordRequest) {
    if (!person) return;
    setProblem(null);
    reset.mutate(
      { userId: person.id, ...values },
      {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("resetPassword.done", { name: person.name }) });
          handleClose();
        },
        onError: (error) => setProblem(applyServerErrors(form, error)),
      },
    );
  }

  return (
    <Modal opened={person !== null} onClose={handleClose} title={t("resetPassword.title", { name: person?.name ?? "" })} centered>
      <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
        <Stack>
          <Text size="sm">{t("resetPassword.help")}</Text>
          <FormAlert message={problem} />
          <PasswordField
            label={t("resetPassword.newPassword")}
            autoComplete="new-password"
            required
            data-autofocus
            {...form.getInputProps("newPassword")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={handleClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={reset.isPending}>
              {t("resetPassword.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
