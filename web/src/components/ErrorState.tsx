import { Alert, Button, Group, Text } from "@mantine/core";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";

/** A plain-language description of an error for people. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t("errors.network");
      if (error.status === 404) return t("errors.notFound");
      if (error.status >= 500) return t("errors.server");
      return error.message;
    }
    return error instanceof Error ? error.message : t("errors.unknown");
  };
}

/** A failed load with a retry button. */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={title ?? t("errors.loadFailed")} role="alert">
      <Text size="sm">{message(error)}</Text>
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} aria-hidden />} onClick={onRetry}>
            {t("common.retry")}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
