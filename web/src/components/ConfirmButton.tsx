import { Button, Group, Modal, Text, type ButtonProps } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props extends Omit<ButtonProps, "children"> {
  /** The button text (and the confirm button text unless confirmLabel is given). */
  label: string;
  /** Accessible name when the button shows only an icon or a short word. */
  ariaLabel?: string;
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
}

/** A button for a destructive action that asks first. */
export function ConfirmButton({ label, ariaLabel, title, message, confirmLabel, danger = true, onConfirm, ...buttonProps }: Props) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [busy, setBusy] = useDisclosure(false);

  async function handleConfirm() {
    setBusy.open();
    try {
      await onConfirm();
      close();
    } finally {
      setBusy.close();
    }
  }

  return (
    <>
      <Button variant="subtle" color={danger ? "red" : undefined} size="xs" {...buttonProps} onClick={open} aria-label={ariaLabel}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Text>{message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            {t("common.cancel")}
          </Button>
          <Button color={danger ? "red" : undefined} loading={busy} onClick={() => void handleConfirm()}>
            {confirmLabel ?? label}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
