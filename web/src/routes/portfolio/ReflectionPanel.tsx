import { Button, Chip, Group, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TReflection } from "@stoa/contracts";
import { useCurrentUser } from "../../api/me";
import { useCreateReflection, usePrompts, useReflections, useUpdateReflection } from "../../api/portfolio";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { RichTextEditor } from "../../components/RichTextEditor";
import { ReflectionView } from "./PageView";

/** The owner's reflections on an artifact or a page, and a form to write one, with the teachers' prompts to choose from. */
export function ReflectionPanel({ kind, id, canWrite }: { kind: "artifact" | "page"; id: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const me = useCurrentUser();
  const reflections = useReflections(kind, id);
  const prompts = usePrompts();
  const create = useCreateReflection(kind, id);
  const [body, setBody] = useState("");
  const [promptId, setPromptId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const chosenPrompt = prompts.data?.find((p) => p.id === promptId);

  async function handleSave() {
    setProblem(null);
    if (!body.trim()) {
      setProblem(t("portfolio.reflection.empty"));
      return;
    }
    try {
      await create.mutateAsync({ body, promptId });
      setBody("");
      setPromptId(null);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby={`reflections-${id}`}>
      <Title order={2} fz="h3" id={`reflections-${id}`}>
        {t("portfolio.reflection.title")}
      </Title>
      {reflections.isPending && <ListSkeleton rows={1} />}
      {reflections.isError && <ErrorState error={reflections.error} onRetry={() => void reflections.refetch()} />}
      {reflections.data?.length === 0 && !canWrite && <Text c="dimmed">{t("portfolio.reflection.none")}</Text>}
      {reflections.data?.map((r) =>
        canWrite && r.author.id === me.user.id ? (
          <EditableReflection key={r.id} kind={kind} id={id} reflection={r} />
        ) : (
          <ReflectionView key={r.id} reflection={r} />
        ),
      )}
      {canWrite && (
        <Stack gap="sm">
          {prompts.data && prompts.data.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={600} id={`prompts-${id}`}>
                {t("portfolio.reflection.prompts")}
              </Text>
              <Chip.Group value={promptId ?? ""} onChange={(v) => setPromptId(typeof v === "string" && v ? v : null)}>
                <Group gap="xs" role="radiogroup" aria-labelledby={`prompts-${id}`}>
                  {prompts.data.map((p) => (
                    <Chip key={p.id} value={p.id} type="radio" variant="outline">
                      {p.text}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Stack>
          )}
          <RichTextEditor
            label={chosenPrompt ? chosenPrompt.text : t("portfolio.reflection.write")}
            description={t("portfolio.reflection.help")}
            value={body}
            onChange={setBody}
            minHeight={120}
          />
          <FormAlert message={problem} />
          <Group>
            <Button onClick={() => void handleSave()} loading={create.isPending}>
              {t("portfolio.reflection.save")}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

/** One of the viewer's own reflections, with an Edit button that turns it into an editor in place. */
function EditableReflection({ kind, id, reflection }: { kind: "artifact" | "page"; id: string; reflection: TReflection }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateReflection(kind, id);
  const [body, setBody] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const heading = reflection.promptText ?? t("portfolio.reflection.heading");

  async function handleSave() {
    setProblem(null);
    if (!body?.trim()) {
      setProblem(t("portfolio.reflection.empty"));
      return;
    }
    try {
      await update.mutateAsync({ reflectionId: reflection.id, body });
      setBody(null);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  if (body === null) {
    return (
      <Stack gap={4}>
        <ReflectionView reflection={reflection} />
        <Group>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setBody(reflection.body)}
            aria-label={t("portfolio.reflection.editNamed", { heading })}
          >
            {t("portfolio.reflection.edit")}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <RichTextEditor label={t("portfolio.reflection.editing", { heading })} value={body} onChange={setBody} minHeight={120} />
      <FormAlert message={problem} />
      <Group>
        <Button onClick={() => void handleSave()} loading={update.isPending}>
          {t("portfolio.reflection.saveChanges")}
        </Button>
        <Button variant="default" onClick={() => setBody(null)}>
          {t("common.cancel")}
        </Button>
      </Group>
    </Stack>
  );
}
