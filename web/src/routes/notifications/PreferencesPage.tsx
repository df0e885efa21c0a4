import { Alert, Button, Group, Paper, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { notificationChannels, type TNotificationChannel, type TNotificationKind } from "@stoa/contracts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNotificationPreferences, useSaveNotificationPreferences } from "../../api/notifications";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";

/** Per kind of event: in Stoa, in Stoa and by email, or off. */
export function PreferencesPage() {
  const { t } = useTranslation();
  const query = useNotificationPreferences();
  const save = useSaveNotificationPreferences();
  const errorMessage = useErrorMessage();
  const [choices, setChoices] = useState<Record<string, TNotificationChannel>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (query.data) setChoices(Object.fromEntries(query.data.preferences.map((p) => [p.kind, p.channel])));
  }, [query.data]);

  function handleSave() {
    setError(null);
    const preferences = Object.entries(choices).map(([kind, channel]) => ({ kind: kind as TNotificationKind, channel }));
    save.mutate(preferences, {
      onSuccess: () => toast.show({ color: "green", message: t("notifications.preferencesSaved") }),
      onError: (e) => setError(errorMessage(e)),
    });
  }

  return (
    <>
      <PageHeader
        title={t("notifications.preferences")}
        description={t("notifications.preferencesHint")}
        breadcrumbs={[
          { label: t("nav.home"), to: "/" },
          { label: t("profile.title"), to: "/profile" },
          { label: t("notifications.preferences") },
        ]}
      />
      {query.isPending ? (
        <ListSkeleton rows={7} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Paper withBorder p="lg" radius="md" maw={860}>
          <Stack>
            {!query.data.hasEmail && (
              <Alert color="blue" variant="light">
                {t("notifications.noEmail")}
              </Alert>
            )}
            <Table verticalSpacing="md">
              <Table.Tbody>
                {query.data.preferences.map((p) => {
                  const labelId = `pref-${p.kind}`;
                  return (
                    <Table.Tr key={p.kind}>
                      <Table.Td>
                        <Text id={labelId} fw={600}>
                          {t(`notifications.kinds.${p.kind}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <SegmentedControl
                          aria-labelledby={labelId}
                          value={choices[p.kind] ?? p.channel}
                          onChange={(value) => setChoices((c) => ({ ...c, [p.kind]: value as TNotificationChannel }))}
                          data={notificationChannels.map((channel) => ({
                            value: channel,
                            label: t(`notifications.channels.${channel}`),
                            disabled: channel === "email" && !query.data.hasEmail,
                          }))}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <FormAlert message={error} />
            <Group>
              <Button onClick={handleSave} loading={save.isPending} size="md">
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </>
  );
}
