import { Button, Group, Modal, NumberInput, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { peerLimits, ZMarkOverrideInput, type TIndividualMark } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOverrideMark } from "../../api/peer";
import { FormAlert } from "../../components/FormAlert";
import { applyServerErrors, zodResolver } from "../../lib/forms";

interface Values {
  mark: number | string;
  reason: string;
}

const prepare = (v: Values) => ({ mark: v.mark === "" ? undefined : Number(v.mark), reason: v.reason });

/** Changes one student's mark, with the reason that goes into the record. */
export function OverrideModal({ taskId, member, onClose }: { taskId: string; member: TIndividualMark; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useOverrideMark(taskId);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { mark: member.override?.mark ?? member.computedMark ?? "", reason: member.override?.reason ?? "" },
    validate: zodResolver(ZMarkOverrideInput, prepare),
  });

  async function handleSubmit(values: Values) {
    setProblem(null);
    try {
      await save.mutateAsync({ userId: member.user.id, ...ZMarkOverrideInput.parse(prepare(values)) });
      notifications.show({ color: "green", message: t("peer.overview.overrideSaved") });
      onClose();
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("peer.overview.overrideFor", { name: member.user.name })} centered>
      <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
        <Stack>
          <FormAlert message={problem} />
          <NumberInput
            label={t("peer.overview.overrideMark")}
            min={0}
            max={100}
            decimalScale={2}
            required
            data-autofocus
            {...form.getInputProps("mark")}
          />
          <Textarea
            label={t("peer.overview.overrideReason")}
            required
            autosize
            minRows={2}
            maxLength={peerLimits.reason}
            {...form.getInputProps("reason")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("peer.overview.overrideSave")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
