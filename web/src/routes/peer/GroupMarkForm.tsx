import { Button, Group, NumberInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { ZGroupMarkInput } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSetGroupMark } from "../../api/peer";
import { FormAlert } from "../../components/FormAlert";
import { applyServerErrors, zodResolver } from "../../lib/forms";

interface Values {
  mark: number | string;
}

const prepare = (v: Values) => ({ mark: v.mark === "" ? undefined : Number(v.mark) });

/** The group mark input: 0-100, checked with the server's schema, saved on its own. */
export function GroupMarkForm({
  taskId,
  groupId,
  groupName,
  mark,
}: {
  taskId: string;
  groupId: string;
  groupName: string;
  mark: number | null;
}) {
  const { t } = useTranslation();
  const save = useSetGroupMark(taskId);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: { mark: mark ?? "" }, validate: zodResolver(ZGroupMarkInput, prepare) });

  async function handleSubmit(values: Values) {
    setProblem(null);
    try {
      await save.mutateAsync({ groupId, ...ZGroupMarkInput.parse(prepare(values)) });
      notifications.show({ color: "green", message: t("peer.overview.markSaved") });
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
      <Group align="flex-end" gap="sm">
        <NumberInput
          label={t("peer.overview.groupMark", { group: groupName })}
          description={t("peer.overview.groupMarkHint")}
          min={0}
          max={100}
          decimalScale={2}
          w={220}
          {...form.getInputProps("mark")}
        />
        <Button type="submit" loading={save.isPending}>
          {t("peer.overview.saveMark")}
        </Button>
      </Group>
      <FormAlert message={problem} />
    </form>
  );
}
