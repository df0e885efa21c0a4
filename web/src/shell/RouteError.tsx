import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, useRouteError } from "react-router";

/** Last-resort screen when a route fails to load or render. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : "";
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" maw={480} ta="center">
        <Title order={1}>{t("errors.crashTitle")}</Title>
        <Text>{t("errors.crashText")}</Text>
        {detail && (
          <Text size="sm" c="dimmed">
            {detail}
          </Text>
        )}
        <Button onClick={() => window.location.reload()}>{t("common.reload")}</Button>
      </Stack>
    </Center>
  );
}
