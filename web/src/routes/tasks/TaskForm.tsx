import { Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { ZTaskCreate, ZTaskUpdate, type TTask, type TTaskCreate, type TTaskUpdate } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { useClassGroupSets } from "../../api/tasks";
import { FormAlert } from "../../components/FormAlert";
import { RichTextEditor } from "../../components/RichTextEditor";
import { applyServerErrors, zodResolver } from "../../lib/forms";
import { prepareSettings, taskFormValues, type TaskFormValues } from "./taskFormValues";

type Props =
  | { mode: "create"; classId: string; onSubmit: (body: TTaskCreate) => Promise<unknown>; onCancel: () => void }
  | { mode: "edit"; classId: string; task: TTask; onSubmit: (body: TTaskUpdate) => Promise<unknown>; onCancel: () => void };

/** Server field paths that the form shows under another name. */
const fieldMap = { peerCriteria: "criteria" };

/** Create or edit a group task with every setting, validated with the contract's schema. */
export function TaskForm(props: Props) {
  const { t } = useTranslation();
  const creating = props.mode === "create";
  const [problem, setProblem] = useState<string | null>(null);
  const sets = useClassGroupSets(props.classId);
  const prepare = (v: TaskFormValues) =>
    props.mode === "create"
      ? { ...prepareSettings(v), classId: props.classId, setId: v.setId ?? "" }
      : { ...prepareSettings(v), version: props.task.version };
  const form = useForm<TaskFormValues>({
    initialValues: taskFormValues(props.mode === "edit" ? props.task : undefined),
    validate: zodResolver(creating ? ZTaskCreate : ZTaskUpdate, prepare),
  });
  const v = form.values;
  const setData = (sets.data ?? [])
    .filter((s) => !s.archived)
    .map((s) => ({ value: s.id, label: s.published ? s.name : t("tasks.form.setUnpublished", { name: s.name }) }));

  async function handleSubmit(values: TaskFormValues) {
    setProblem(null);
    try {
      if (props.mode === "create") await props.onSubmit(ZTaskCreate.parse(prepare(values)));
      else await props.onSubmit(ZTaskUpdate.parse(prepare(values)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setProblem(t("tasks.form.stale"));
      else setProblem(applyServerErrors(form, error, fieldMap));
    }
  }

  return (
    <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
      <Stack>
        <FormAlert message={problem} />
        {creating && (
          <Select
            label={t("tasks.form.set")}
            description={setData.length === 0 && !sets.isPending ? t("tasks.form.noSets") : t("tasks.form.setHelp")}
            data={setData}
            required
            allowDeselect={false}
            {...form.getInputProps("setId")}
          />
        )}
        <TextInput label={t("tasks.form.title")} required {...form.getInputProps("title")} />
        <RichTextEditor
          label={t("tasks.form.instructions")}
          value={v.instructions}
          onChange={(html) => form.setFieldValue("instructions", html)}
          error={form.errors.instructions as string | undefined}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="datetime-local" label={t("tasks.form.startsAt")} {...form.getInputProps("startsAt")} />
          <TextInput type="datetime-local" label={t("tasks.form.dueAt")} required {...form.getInputProps("dueAt")} />
        </SimpleGrid>

        <Fieldset legend={t("tasks.form.rolesLegend")}>
          <Stack>
            <TagsInput label={t("tasks.form.roles")} description={t("tasks.form.rolesHelp")} {...form.getInputProps("roles")} />
            <Switch label={t("tasks.form.rotateRoles")} {...form.getInputProps("rotateRoles", { type: "checkbox" })} />
            {v.rotateRoles && (
              <TagsInput label={t("tasks.form.phases")} description={t("tasks.form.phasesHelp")} {...form.getInputProps("phases")} />
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend={t("tasks.form.markingLegend")}>
          <Stack>
            <Select
              label={t("tasks.form.markingScheme")}
              data={[
                { value: "groupWithPeer", label: t("tasks.marking.groupWithPeer") },
                { value: "individual", label: t("tasks.marking.individual") },
              ]}
              allowDeselect={false}
              {...form.getInputProps("markingScheme")}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t("tasks.form.peerMethod")}
                data={[
                  { value: "webpa", label: t("tasks.peerMethod.webpa") },
                  { value: "catme", label: t("tasks.peerMethod.catme") },
                ]}
                allowDeselect={false}
                {...form.getInputProps("peerMethod")}
              />
              <NumberInput label={t("tasks.form.peerWeight")} min={0} max={100} suffix="%" {...form.getInputProps("peerWeight")} />
            </SimpleGrid>
            <TagsInput label={t("tasks.form.criteria")} description={t("tasks.form.criteriaHelp")} {...form.getInputProps("criteria")} />
            <Switch label={t("tasks.form.includeSelf")} {...form.getInputProps("peerIncludeSelf", { type: "checkbox" })} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t("tasks.form.penaltyKind")}
                data={[
                  { value: "percent", label: t("tasks.form.penaltyPercent") },
                  { value: "points", label: t("tasks.form.penaltyPoints") },
                ]}
                allowDeselect={false}
                {...form.getInputProps("penaltyKind")}
              />
              <NumberInput
                label={t("tasks.form.penaltyAmount")}
                description={t("tasks.form.penaltyHelp")}
                min={0}
                max={100}
                {...form.getInputProps("penaltyAmount")}
              />
              <TextInput type="datetime-local" label={t("tasks.form.ratingOpensAt")} {...form.getInputProps("ratingOpensAt")} />
              <TextInput type="datetime-local" label={t("tasks.form.ratingClosesAt")} {...form.getInputProps("ratingClosesAt")} />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {creating ? t("tasks.form.create") : t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
