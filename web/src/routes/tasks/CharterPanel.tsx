import { Alert, Badge, Button, Group, List, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TCharter, TGroupSpace } from "@stoa/contracts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../../api/me";
import { useSpaceActions } from "../../api/tasks";
import { FormAlert } from "../../components/FormAlert";
import { useErrorMessage } from "../../components/ErrorState";
import { formatDateTime } from "../../lib/format";
import { theirVersion } from "./conflict";

const fields = ["goals", "norms", "decisions", "fallingBehind"] as const;
type Draft = Record<(typeof fields)[number], string>;
const draftOf = (c: TCharter): Draft => ({ goals: c.goals, norms: c.norms, decisions: c.decisions, fallingBehind: c.fallingBehind });

/** The team charter: any member edits it (everyone signs again after an edit); agreed once every member signed. */
export function CharterPanel({ space }: { space: TGroupSpace }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const actions = useSpaceActions(space.task.id, space.group.id);
  const { charter } = space;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>(draftOf(charter));
  const [base, setBase] = useState(charter.version);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<TCharter | null>(null);
  const signed = charter.signatures.some((s) => s.user.id === me.user.id);

  // Follow other members' changes while not editing.
  useEffect(() => {
    if (!editing) {
      setDraft(draftOf(charter));
      setBase(charter.version);
    }
  }, [charter, editing]);

  async function handleSave() {
    setProblem(null);
    try {
      await actions.saveCharter.mutateAsync({ ...draft, version: base });
      setEditing(false);
      setConflict(null);
      notifications.show({ color: "green", message: t("tasks.charter.saved") });
    } catch (error) {
      const theirs = theirVersion<TCharter>(error);
      if (theirs) setConflict(theirs);
      else setProblem(errorMessage(error));
    }
  }

  async function handleSign() {
    setProblem(null);
    try {
      await actions.signCharter.mutateAsync(charter.version);
    } catch (error) {
      setProblem(theirVersion(error) ? t("tasks.charter.changedBeforeSign") : errorMessage(error));
    }
  }

  return (
    <Stack>
      <FormAlert message={problem} />
      <Group justify="space-between">
        <Group gap="xs">
          {charter.agreed ? (
            <Badge variant="light" color="green">
              {t("tasks.charter.agreed")}
            </Badge>
          ) : (
            <Badge variant="light" color="gray">
              {t("tasks.charter.notAgreed")}
            </Badge>
          )}
          {charter.updatedBy && (
            <Text size="sm" c="dimmed">
              {t("tasks.charter.lastEdit", { name: charter.updatedBy.name, date: formatDateTime(charter.updatedAt) })}
            </Text>
          )}
        </Group>
        {space.viewer.canEdit && !editing && (
          <Button variant="light" onClick={() => setEditing(true)}>
            {charter.version === 0 ? t("tasks.charter.write") : t("tasks.charter.edit")}
          </Button>
        )}
      </Group>
      {conflict && (
        <Alert color="orange" title={t("tasks.conflict.title")}>
          <Stack gap="xs">
            <Text>{t("tasks.conflict.charter")}</Text>
            {fields.map((f) => (
              <Text key={f} size="sm">
                <strong>{t(`tasks.charter.${f}`)}:</strong> {conflict[f] || "—"}
              </Text>
            ))}
            <Group>
              <Button
                size="sm"
                onClick={() => {
                  setDraft(draftOf(conflict));
                  setBase(conflict.version);
                  setConflict(null);
                }}
              >
                {t("tasks.conflict.useTheirs")}
              </Button>
              <Button
                size="sm"
                variant="default"
                onClick={() => {
                  setBase(conflict.version);
                  setConflict(null);
                }}
              >
                {t("tasks.conflict.keepMine")}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Paper withBorder p="md" radius="md">
        <Stack>
          {fields.map((f) =>
            editing ? (
              <Textarea
                key={f}
                label={t(`tasks.charter.${f}`)}
                description={t(`tasks.charter.${f}Help`)}
                autosize
                minRows={2}
                maxLength={5000}
                value={draft[f]}
                onChange={(e) => setDraft({ ...draft, [f]: e.currentTarget.value })}
              />
            ) : (
              <div key={f}>
                <Title order={3} fz="h5">
                  {t(`tasks.charter.${f}`)}
                </Title>
                <Text style={{ whiteSpace: "pre-wrap" }} c={charter[f] ? undefined : "dimmed"}>
                  {charter[f] || t("tasks.charter.empty")}
                </Text>
              </div>
            ),
          )}
          {editing && (
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  setEditing(false);
                  setConflict(null);
                }}
              >
                {t("common.cancel")}
              </Button>
              <Button onClick={() => void handleSave()} loading={actions.saveCharter.isPending}>
                {t("tasks.charter.save")}
              </Button>
            </Group>
          )}
          {editing && charter.signatures.length > 0 && <Text size="sm">{t("tasks.charter.editClears")}</Text>}
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="charter-signatures">
        <Title order={3} fz="h4" id="charter-signatures" mb="sm">
          {t("tasks.charter.signatures", { signed: charter.signatures.length, total: space.members.length })}
        </Title>
        <List>
          {space.members.map((m) => {
            const signature = charter.signatures.find((s) => s.user.id === m.id);
            return (
              <List.Item key={m.id}>
                {signature
                  ? t("tasks.charter.signedBy", { name: m.name, date: formatDateTime(signature.signedAt) })
                  : t("tasks.charter.notSignedBy", { name: m.name })}
              </List.Item>
            );
          })}
        </List>
        {space.viewer.canEdit && charter.version > 0 && !signed && !editing && (
          <Button mt="md" size="md" onClick={() => void handleSign()} loading={actions.signCharter.isPending}>
            {t("tasks.charter.sign")}
          </Button>
        )}
      </Paper>
    </Stack>
  );
}
