import { Button, Checkbox, Group, Modal, MultiSelect, Radio, Select, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TBoard } from "@stoa/contracts";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCreateBoard, useUpdateBoard } from "../../api/discussions";
import { useGroupSet, useGroupSets } from "../../api/groups";
import { FormAlert } from "../../components/FormAlert";
import { RichTextEditor } from "../../components/RichTextEditor";
import { useErrorMessage } from "../../components/ErrorState";

type Audience = "class" | "group" | "groups";

/** Creates a board of a class (or of one group, or for some groups), or edits one. */
export function BoardFormModal({ opened, onClose, classId, board }: { opened: boolean; onClose: () => void; classId: string; board?: TBoard }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={board ? t("discussions.editBoard") : t("discussions.newBoard")} size="lg">
      {opened && <BoardForm classId={classId} board={board} onDone={onClose} />}
    </Modal>
  );
}

function BoardForm({ classId, board, onDone }: { classId: string; board?: TBoard; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreateBoard();
  const update = useUpdateBoard(board?.id ?? "");
  const [title, setTitle] = useState(board?.title ?? "");
  const [description, setDescription] = useState(board?.description ?? "");
  const [requiresApproval, setRequiresApproval] = useState(board?.requiresApproval ?? false);
  const [audience, setAudience] = useState<Audience>(board?.groupId ? "group" : board?.visibility === "groups" ? "groups" : "class");
  const [setId, setSetId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(board?.groupId ?? null);
  const [groupIds, setGroupIds] = useState<string[]>(board?.groupIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const sets = useGroupSets(classId);
  const pending = create.isPending || update.isPending;

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      if (board) {
        await update.mutateAsync({
          title,
          description,
          requiresApproval,
          ...(board.groupId ? {} : { visibility: audience === "groups" ? "groups" : "owner", ...(audience === "groups" ? { groupIds } : {}) }),
        });
        notifications.show({ message: t("discussions.boardForm.saved"), color: "green" });
        onDone();
        return;
      }
      const created = await create.mutateAsync({
        classId,
        title,
        description,
        requiresApproval,
        groupId: audience === "group" ? groupId : null,
        visibility: audience === "groups" ? "groups" : "owner",
        groupIds: audience === "groups" ? groupIds : [],
      });
      notifications.show({ message: t("discussions.boardForm.created"), color: "green" });
      onDone();
      void navigate(`/discussions/boards/${created.id}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const setOptions = (sets.data ?? []).filter((s) => !s.archived).map((s) => ({ value: s.id, label: s.name }));
  return (
    <form onSubmit={(e) => void handleSubmit(e)}>
      <Stack>
        <FormAlert message={error} />
        <TextInput label={t("discussions.boardForm.title")} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={200} data-autofocus />
        <RichTextEditor label={t("discussions.boardForm.description")} value={description} onChange={setDescription} minHeight={100} />
        {!board?.groupId && (
          <Radio.Group label={t("discussions.boardForm.visibility")} value={audience} onChange={(v) => setAudience(v as Audience)}>
            <Stack gap="xs" mt="xs">
              <Radio value="class" label={t("discussions.boardForm.visibilityOwner")} />
              {!board && <Radio value="group" label={t("discussions.boardForm.group")} />}
              <Radio value="groups" label={t("discussions.boardForm.visibilityGroups")} />
            </Stack>
          </Radio.Group>
        )}
        {audience !== "class" && !board?.groupId && (
          <>
            <Select label={t("discussions.boardForm.groupSet")} data={setOptions} value={setId} onChange={setSetId} />
            {setId && audience === "group" && !board && (
              <GroupChoice setId={setId}>
                {(options) => <Select label={t("discussions.boardForm.group")} data={options} value={groupId} onChange={setGroupId} required />}
              </GroupChoice>
            )}
            {setId && audience === "groups" && (
              <GroupChoice setId={setId}>
                {(options) => <MultiSelect label={t("discussions.boardForm.groups")} data={options} value={groupIds} onChange={setGroupIds} />}
              </GroupChoice>
            )}
          </>
        )}
        <Checkbox label={t("discussions.boardForm.requiresApproval")} checked={requiresApproval} onChange={(e) => setRequiresApproval(e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {board ? t("discussions.boardForm.save") : t("discussions.boardForm.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The groups of one set as options, fetched once a set is chosen. */
function GroupChoice({ setId, children }: { setId: string; children: (options: { value: string; label: string }[]) => ReactNode }) {
  const set = useGroupSet(setId);
  return <>{children((set.data?.data.groups ?? []).map((g) => ({ value: g.id, label: g.name })))}</>;
}
