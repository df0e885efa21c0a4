import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ZGroupSetCreate, groupSetStrategies, type TCriterionInput, type TGroupSetCreate } from "@stoa/contracts";
import { useClass, useRoster } from "../../api/classes";
import { ApiError } from "../../api/client";
import { useAttributeCatalogue, useCreateGroupSet, useGroupSets } from "../../api/groups";
import { useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { PageHeader } from "../../components/PageHeader";
import { PairPicker, type Pair } from "./PairPicker";

type Strategy = (typeof groupSetStrategies)[number];

/** The create wizard: strategy, size or count, criteria with weights and modes, pairs, new partners, seed. */
export function GroupSetCreatePage() {
  const { t } = useTranslation();
  const { classId = "" } = useParams();
  const navigate = useNavigate();
  const cls = useClass(classId);
  const roster = useRoster(classId);
  const catalogue = useAttributeCatalogue(classId);
  const sets = useGroupSets(classId);
  const create = useCreateGroupSet(classId);
  const errorMessage = useErrorMessage();

  const [name, setName] = useState("");
  const [strategy, setStrategy] = useState<Strategy>("criteria");
  const [sizing, setSizing] = useState<"size" | "count">("size");
  const [amount, setAmount] = useState<number | string>(4);
  const [seed, setSeed] = useState<number | string>("");
  const [capacity, setCapacity] = useState<number | string>(4);
  const [opensAt, setOpensAt] = useState("");
  const [closesAt, setClosesAt] = useState("");
  const [copyFrom, setCopyFrom] = useState<string | null>(null);
  const [criteria, setCriteria] = useState<TCriterionInput[]>([]);
  const [keepApart, setKeepApart] = useState<Pair[]>([]);
  const [keepTogether, setKeepTogether] = useState<Pair[]>([]);
  const [newPartners, setNewPartners] = useState(false);
  const [partnerRequests, setPartnerRequests] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const students = (roster.data?.data ?? [])
    .filter((e) => e.role === "student" && e.status === "active")
    .map((e) => ({ value: e.userId, label: `${e.preferredName || e.givenName} ${e.familyName}` }));
  const attributes = catalogue.data ?? [];
  const sized = strategy === "random" || strategy === "criteria";
  const counted = strategy === "manual" || strategy === "selfSignup";

  function body(): TGroupSetCreate {
    const n = typeof amount === "number" ? amount : undefined;
    const toIso = (v: string) => (v ? new Date(v).toISOString() : null);
    return {
      name,
      strategy,
      ...(sized ? (sizing === "size" ? { groupSize: n } : { groupCount: n }) : {}),
      ...(counted ? { groupCount: n } : {}),
      ...(typeof seed === "number" ? { seed } : {}),
      ...(strategy === "criteria" ? { criteria, keepApart, keepTogether, newPartners, usePartnerRequests: partnerRequests } : {}),
      ...(strategy === "random" ? { keepApart: [], keepTogether: [] } : {}),
      ...(strategy === "selfSignup"
        ? { capacity: typeof capacity === "number" ? capacity : undefined, opensAt: toIso(opensAt), closesAt: toIso(closesAt) }
        : {}),
      ...(strategy === "copy" && copyFrom ? { copyFromSetId: copyFrom } : {}),
    };
  }

  async function handleSubmit(e: React.FormEvent) {
    e.preventDefault();
    setFormError(null);
    const input = body();
    const parsed = ZGroupSetCreate.safeParse(input);
    if (!parsed.success) {
      setFieldErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])));
      return;
    }
    setFieldErrors({});
    try {
      const set = await create.mutateAsync(input);
      notifications.show({ color: "green", message: t("groups.create.created") });
      await navigate(`/group-sets/${set.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) setFieldErrors(Object.fromEntries(err.fields.map((f) => [f.path, f.message])));
      setFormError(errorMessage(err));
    }
  }

  const updateCriterion = (i: number, patch: Partial<TCriterionInput>) =>
    setCriteria((list) => list.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const amountError = fieldErrors.groupSize ?? fieldErrors.groupCount;

  return (
    <>
      <PageHeader
        title={t("groups.create.title")}
        breadcrumbs={[
          { label: t("nav.home"), to: "/" },
          { label: cls.data?.data.title ?? "…", to: `/classes/${classId}` },
          { label: t("groups.title"), to: `/classes/${classId}/groups` },
          { label: t("groups.create.title") },
        ]}
      />
      <form onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Stack gap="lg" maw={820}>
          <FormAlert message={formError} />
          <TextInput
            label={t("groups.create.name")}
            placeholder={t("groups.create.namePlaceholder")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldErrors.name}
            required
          />
          <Radio.Group label={t("groups.create.strategy")} value={strategy} onChange={(v) => setStrategy(v as Strategy)}>
            <Stack gap="xs" mt="xs">
              {groupSetStrategies.map((s) => (
                <Radio key={s} value={s} label={t(`groups.strategies.${s}`)} description={t(`groups.strategyHelp.${s}`)} />
              ))}
            </Stack>
          </Radio.Group>

          {sized && (
            <Stack gap="xs">
              <Text fw={500} size="sm" id="sizing-label">
                {t("groups.create.sizing")}
              </Text>
              <SegmentedControl
                aria-labelledby="sizing-label"
                value={sizing}
                onChange={(v) => setSizing(v as "size" | "count")}
                data={[
                  { value: "size", label: t("groups.create.bySize") },
                  { value: "count", label: t("groups.create.byCount") },
                ]}
                w="fit-content"
              />
            </Stack>
          )}
          {(sized || counted) && (
            <NumberInput
              label={sized && sizing === "size" ? t("groups.create.groupSize") : t("groups.create.groupCount")}
              value={amount}
              onChange={setAmount}
              min={1}
              max={200}
              allowDecimal={false}
              error={amountError}
              w={240}
            />
          )}
          {strategy === "selfSignup" && (
            <Group align="flex-start">
              <NumberInput
                label={t("groups.create.capacity")}
                value={capacity}
                onChange={setCapacity}
                min={1}
                max={50}
                allowDecimal={false}
                error={fieldErrors.capacity}
                w={200}
              />
              <TextInput
                type="datetime-local"
                label={t("groups.create.opensAt")}
                value={opensAt}
                onChange={(e) => setOpensAt(e.currentTarget.value)}
              />
              <TextInput
                type="datetime-local"
                label={t("groups.create.closesAt")}
                value={closesAt}
                onChange={(e) => setClosesAt(e.currentTarget.value)}
                error={fieldErrors.closesAt}
              />
            </Group>
          )}
          {strategy === "copy" && (
            <Select
              label={t("groups.create.copyFrom")}
              data={(sets.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={copyFrom}
              onChange={setCopyFrom}
              error={fieldErrors.copyFromSetId}
              w={360}
            />
          )}

          {strategy === "criteria" && (
            <Paper withBorder p="md" radius="md" component="fieldset" style={{ border: undefined }}>
              <Title order={2} fz="h4" component="legend">
                {t("groups.create.criteria")}
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                {t("groups.create.criteriaHelp")}
              </Text>
              {attributes.length === 0 && <Text size="sm">{t("groups.create.noAttributes")}</Text>}
              <Stack gap="sm">
                {criteria.map((c, i) => {
                  const info = attributes.find((a) => a.key === c.attribute);
                  return (
                    <Group key={i} align="flex-end" wrap="wrap" data-testid={`criterion-${i}`}>
                      <Select
                        label={t("groups.create.attribute")}
                        data={attributes.map((a) => ({ value: a.key, label: a.label }))}
                        value={c.attribute}
                        onChange={(v) => v && updateCriterion(i, { attribute: v, mode: v === "survey:freeTimes" ? "match" : c.mode })}
                        error={fieldErrors[`criteria.${i}.attribute`]}
                        description={info ? t("groups.create.withData", { count: info.withData, total: info.studentCount }) : undefined}
                        w={240}
                      />
                      <Select
                        label={t("groups.create.mode")}
                        data={(["mix", "match", "dontIsolate"] as const).map((m) => ({ value: m, label: t(`groups.create.modes.${m}`) }))}
                        value={c.mode}
                        onChange={(v) => v && updateCriterion(i, { mode: v as TCriterionInput["mode"] })}
                        error={fieldErrors[`criteria.${i}.mode`]}
                        w={180}
                      />
                      <NumberInput
                        label={t("groups.create.weight")}
                        value={c.weight}
                        onChange={(v) => updateCriterion(i, { weight: typeof v === "number" ? v : 1 })}
                        min={0.1}
                        max={10}
                        step={0.5}
                        w={110}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="xl"
                        aria-label={t("groups.create.removeCriterion", { number: i + 1 })}
                        onClick={() => setCriteria((list) => list.filter((_, j) => j !== i))}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  );
                })}
                {fieldErrors.criteria && (
                  <Text c="red.8" size="sm" role="alert">
                    {fieldErrors.criteria}
                  </Text>
                )}
                <Button
                  variant="default"
                  w="fit-content"
                  leftSection={<IconPlus size={16} aria-hidden />}
                  disabled={attributes.length === 0}
                  onClick={() =>
                    setCriteria((list) => [
                      ...list,
                      {
                        attribute: attributes.find((a) => !list.some((c) => c.attribute === a.key))?.key ?? attributes[0]!.key,
                        mode: "mix",
                        weight: 1,
                      },
                    ])
                  }
                >
                  {t("groups.create.addCriterion")}
                </Button>
                <PairPicker label={t("groups.create.keepApart")} students={students} pairs={keepApart} onChange={setKeepApart} />
                <PairPicker label={t("groups.create.keepTogether")} students={students} pairs={keepTogether} onChange={setKeepTogether} />
                <Switch
                  label={t("groups.create.newPartners")}
                  checked={newPartners}
                  onChange={(e) => setNewPartners(e.currentTarget.checked)}
                />
                <Switch
                  label={t("groups.create.partnerRequests")}
                  checked={partnerRequests}
                  onChange={(e) => setPartnerRequests(e.currentTarget.checked)}
                />
              </Stack>
            </Paper>
          )}
          {(strategy === "random" || strategy === "criteria") && (
            <NumberInput
              label={t("groups.create.seed")}
              description={t("groups.create.seedHelp")}
              value={seed}
              onChange={setSeed}
              min={0}
              allowDecimal={false}
              w={240}
            />
          )}
          <Group>
            <Button type="submit" size="md" loading={create.isPending}>
              {t("groups.create.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
