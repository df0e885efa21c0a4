import { ActionIcon, Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { cardStatuses, type TCard, type TCardStatus, type TChecklistItem, type TGroupSpace } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSpaceActions } from "../../api/tasks";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormAlert } from "../../components/FormAlert";
import { useErrorMessage } from "../../components/ErrorState";
import { theirVersion } from "./conflict";

/** One card: title, notes, owner, due date, column and checklist. A stale save shows the other person's version. */
export function CardDialog({ card, space, onClose }: { card: TCard; space: TGroupSpace; onClose: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const actions = useSpaceActions(space.task.id, space.group.id);
  const readOnly = !space.viewer.canEdit;
  const [draft, setDraft] = useState(card);
  const [base, setBase] = useState(card.version);
  const [newItem, setNewItem] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<TCard | null>(null);
  const setChecklist = (checklist: TChecklistItem[]) => setDraft({ ...draft, checklist });

  async function handleSave() {
    setProblem(null);
    try {
      await actions.updateCard.mutateAsync({
        cardId: card.id,
        version: base,
        title: draft.title,
        notes: draft.notes,
        ownerId: draft.owner?.id ?? null,
        dueDate: draft.dueDate || null,
        status: draft.status,
        checklist: draft.checklist,
      });
      onClose();
    } catch (error) {
      const current = theirVersion<TCard>(error);
      if (current) setTheirs(current);
      else setProblem(errorMessage(error));
    }
  }

  async function handleDelete() {
    setProblem(null);
    try {
      await actions.deleteCard.mutateAsync({ cardId: card.id, version: base });
      onClose();
    } catch (error) {
      const current = theirVersion<TCard>(error);
      if (current) setTheirs(current);
      else setProblem(errorMessage(error));
    }
  }

  return (
    <Modal opened onClose={onClose} title={card.title} size="lg">
      <Stack>
        <FormAlert message={problem} />
        {theirs && (
          <Alert color="orange" title={t("tasks.conflict.title")}>
            <Stack gap="xs">
              <Text>{t("tasks.conflict.cardDialog")}</Text>
              <Text size="sm">
                {theirs.title} · {t(`tasks.board.columns.${theirs.status}`)} · {theirs.owner?.name ?? t("tasks.board.noOwner")}
              </Text>
              <Group>
                <Button
                  size="sm"
                  onClick={() => {
                    setDraft(theirs);
                    setBase(theirs.version);
                    setTheirs(null);
                  }}
                >
                  {t("tasks.conflict.useTheirs")}
                </Button>
                <Button
                  size="sm"
                  variant="default"
                  onClick={() => {
                    setBase(theirs.version);
                    setTheirs(null);
                  }}
                >
                  {t("tasks.conflict.keepMine")}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <TextInput
          label={t("tasks.board.cardTitle")}
          value={draft.title}
          readOnly={readOnly}
          maxLength={200}
          onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
        />
        <Textarea
          label={t("tasks.board.notes")}
          value={draft.notes}
          readOnly={readOnly}
          autosize
          minRows={2}
          maxLength={5000}
          onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t("tasks.board.owner")}
            data={space.members.map((m) => ({ value: m.id, label: m.name }))}
            value={draft.owner?.id ?? null}
            readOnly={readOnly}
            clearable
            onChange={(id) => setDraft({ ...draft, owner: space.members.find((m) => m.id === id) ?? null })}
          />
          <TextInput
            type="date"
            label={t("tasks.board.dueDate")}
            value={draft.dueDate ?? ""}
            readOnly={readOnly}
            onChange={(e) => setDraft({ ...draft, dueDate: e.currentTarget.value || null })}
          />
          <Select
            label={t("tasks.board.column")}
            data={cardStatuses.map((s) => ({ value: s, label: t(`tasks.board.columns.${s}`) }))}
            value={draft.status}
            readOnly={readOnly}
            allowDeselect={false}
            onChange={(s) => setDraft({ ...draft, status: (s ?? draft.status) as TCardStatus })}
          />
        </SimpleGrid>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <Text fw={600}>{t("tasks.board.checklist")}</Text>
          </legend>
          <Stack gap="xs">
            {draft.checklist.map((item, index) => (
              <Group key={item.id} justify="space-between" wrap="nowrap">
                <Checkbox
                  size="md"
                  label={item.text}
                  checked={item.done}
                  disabled={readOnly}
                  onChange={(e) => setChecklist(draft.checklist.map((i, j) => (j === index ? { ...i, done: e.currentTarget.checked } : i)))}
                />
                {!readOnly && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("tasks.board.removeItem", { item: item.text })}
                    onClick={() => setChecklist(draft.checklist.filter((_, j) => j !== index))}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
            {!readOnly && (
              <Group align="flex-end">
                <TextInput
                  label={t("tasks.board.newItem")}
                  value={newItem}
                  maxLength={200}
                  onChange={(e) => setNewItem(e.currentTarget.value)}
                  style={{ flex: 1 }}
                />
                <Button
                  variant="light"
                  disabled={!newItem.trim()}
                  onClick={() => {
                    setChecklist([...draft.checklist, { id: crypto.randomUUID().slice(0, 12), text: newItem.trim(), done: false }]);
                    setNewItem("");
                  }}
                >
                  {t("tasks.board.addItem")}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
        <Group justify="space-between">
          {!readOnly ? (
            <ConfirmButton
              variant="subtle"
              label={t("tasks.board.delete")}
              title={t("tasks.board.delete")}
              message={t("tasks.board.deleteConfirm")}
              onConfirm={handleDelete}
            />
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              {readOnly ? t("tasks.close") : t("common.cancel")}
            </Button>
            {!readOnly && (
              <Button onClick={() => void handleSave()} loading={actions.updateCard.isPending} disabled={!draft.title.trim()}>
                {t("common.save")}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
