import { Button, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconBulb } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClassPrompts, useCreatePrompt, useDeletePrompt } from "../../../api/portfolio";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState, useErrorMessage } from "../../../components/ErrorState";
import { FormAlert } from "../../../components/FormAlert";
import { ListSkeleton } from "../../../components/ListSkeleton";

/** Reflection prompts for a class ("What did you learn?"): students see them when they reflect. */
export function ClassPrompts({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const prompts = useClassPrompts(classId);
  const create = useCreatePrompt(classId);
  const remove = useDeletePrompt(classId);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  async function handleAdd() {
    setProblem(null);
    if (!text.trim()) {
      setProblem(t("portfolio.teach.promptEmpty"));
      return;
    }
    try {
      await create.mutateAsync(text.trim());
      setText("");
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack gap="md">
      <Title order={2} fz="h3">
        {t("portfolio.teach.promptsTitle")}
      </Title>
      {prompts.isPending && <ListSkeleton rows={2} />}
      {prompts.isError && <ErrorState error={prompts.error} onRetry={() => void prompts.refetch()} />}
      {prompts.data?.length === 0 && (
        <EmptyState
          icon={<IconBulb aria-hidden />}
          title={t("portfolio.teach.noPrompts")}
          description={t("portfolio.teach.noPromptsText")}
        />
      )}
      {prompts.data && prompts.data.length > 0 && (
        <Stack gap="xs" component="ul" p={0} style={{ listStyle: "none" }}>
          {prompts.data.map((p) => (
            <Group key={p.id} component="li" justify="space-between" wrap="nowrap">
              <Text>{p.text}</Text>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => remove.mutate(p.id)}
                aria-label={t("portfolio.teach.removePrompt", { text: p.text })}
              >
                {t("portfolio.teach.remove")}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void handleAdd();
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t("portfolio.teach.newPrompt")}
            placeholder={t("portfolio.teach.promptExample")}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button type="submit" loading={create.isPending}>
            {t("portfolio.teach.addPrompt")}
          </Button>
        </Group>
      </form>
      <FormAlert message={problem} />
    </Stack>
  );
}
