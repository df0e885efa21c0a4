import { Badge, Button, Checkbox, CopyButton, Divider, Drawer, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { Success } from "./Success";
import { IconCopy, IconLink, IconShare } from "@tabler/icons-react";
import type { TLinkCreated } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClasses } from "../../api/classes";
import { useMyGroups } from "../../api/groups";
import { useCurrentUser } from "../../api/me";
import {
  useClassRoster,
  useCreateLink,
  useCreateShare,
  useDeleteShare,
  useRevokeLink,
  useSubjectSharing,
  type SubjectType,
} from "../../api/portfolio";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { ListSkeleton } from "../../components/ListSkeleton";
import { formatDateTime } from "../../lib/format";
import { displayName } from "../../lib/people";

type Audience = "class" | "person" | "group" | "guardians" | "school";

interface Props {
  type: SubjectType;
  id: string;
  title: string;
  opened: boolean;
  onClose: () => void;
}

/** A live, expired or revoked badge for a secret link. */
export function LinkStatus({ status }: { status: "live" | "expired" | "revoked" }) {
  const { t } = useTranslation();
  const color = status === "live" ? "green" : status === "expired" ? "orange" : "gray";
  return (
    <Badge color={color} variant="light" tt="none">
      {t(`portfolio.sharing.linkStatus.${status}`)}
    </Badge>
  );
}

/** Who can see a page or collection: add and stop shares, make, copy and revoke secret links. */
export function SharingPanel({ type, id, title, opened, onClose }: Props) {
  const { t } = useTranslation();
  const sharing = useSubjectSharing(type, id);
  const removeShare = useDeleteShare();
  const revoke = useRevokeLink();

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={t("portfolio.sharing.panelTitle", { title })}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack gap="lg">
        <Text size="sm">{t("portfolio.sharing.intro")}</Text>
        <Stack gap="xs" component="section" aria-labelledby="share-current">
          <Title order={3} fz="h4" id="share-current">
            {t("portfolio.sharing.current")}
          </Title>
          {sharing.isPending && <ListSkeleton rows={2} />}
          {sharing.isError && <ErrorState error={sharing.error} onRetry={() => void sharing.refetch()} />}
          {sharing.data && sharing.data.shares.length === 0 && <Text c="dimmed">{t("portfolio.sharing.onlyYou")}</Text>}
          {sharing.data && sharing.data.shares.length > 0 && (
            <Stack gap={4} component="ul" p={0} style={{ listStyle: "none" }}>
              {sharing.data.shares.map((share) => (
                <Group key={share.id} component="li" justify="space-between" wrap="nowrap">
                  <Text>
                    {t(`portfolio.sharing.target.${share.targetType}`)}: <strong>{share.targetName}</strong>
                    {!share.allowComments && ` · ${t("portfolio.sharing.noComments")}`}
                  </Text>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={t("portfolio.sharing.stopNamed", { name: share.targetName })}
                    loading={removeShare.isPending && removeShare.variables === share.id}
                    onClick={() => removeShare.mutate(share.id, { onSuccess: () => void sharing.refetch() })}
                  >
                    {t("portfolio.sharing.stop")}
                  </Button>
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
        <AddShare type={type} id={id} onAdded={() => void sharing.refetch()} />
        <Divider />
        <Stack gap="xs" component="section" aria-labelledby="share-links">
          <Title order={3} fz="h4" id="share-links">
            {t("portfolio.sharing.links")}
          </Title>
          <Text size="sm">{t("portfolio.sharing.linksIntro")}</Text>
          {sharing.data?.links.map((link) => (
            <Group key={link.id} justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={600}>{link.label || t("portfolio.sharing.unnamedLink")}</Text>
                  <LinkStatus status={link.status} />
                </Group>
                <Text size="xs" c="dimmed">
                  {link.expiresAt
                    ? t("portfolio.sharing.expires", { when: formatDateTime(link.expiresAt) })
                    : t("portfolio.sharing.noExpiry")}{" "}
                  · {t("portfolio.sharing.opens", { count: link.viewCount })}
                </Text>
              </Stack>
              {link.status === "live" && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t("portfolio.sharing.revokeNamed", { name: link.label || t("portfolio.sharing.unnamedLink") })}
                  onClick={() => revoke.mutate(link.id, { onSuccess: () => void sharing.refetch() })}
                >
                  {t("portfolio.sharing.revoke")}
                </Button>
              )}
            </Group>
          ))}
          <CreateLink type={type} id={id} onCreated={() => void sharing.refetch()} />
        </Stack>
      </Stack>
    </Drawer>
  );
}

/** Adds one share: a class, a classmate or teacher, one of the student's groups, the student's guardians, or the whole school. */
function AddShare({ type, id, onAdded }: { type: SubjectType; id: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const create = useCreateShare(type, id);
  const [audience, setAudience] = useState<Audience>("class");
  const [classId, setClassId] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [allowComments, setAllowComments] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const classes = useClasses({ status: "active", pageSize: 100 });
  const roster = useClassRoster(audience === "person" ? classId : null);
  const myGroups = useMyGroups();
  const schoolId = me.roles.find((r) => r.schoolId)?.schoolId ?? null;
  const classOptions = (classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }));
  // Only sets where the student has a group; the label names the set and class so two "Group 1"s stay apart.
  const groupOptions = (myGroups.data ?? []).flatMap((g) =>
    g.group ? [{ value: g.group.id, label: `${g.group.name} (${g.set.name}, ${g.set.classTitle})` }] : [],
  );
  const personOptions = (roster.data ?? [])
    .filter((e) => e.userId !== me.user.id)
    .map((e) => ({ value: e.userId, label: `${displayName(e)} (${t(`enrolmentRoles.${e.role}`)})` }));

  async function handleAdd() {
    setProblem(null);
    setDone(null);
    const targetIds: Record<Audience, string | null> = {
      class: classId,
      person: personId,
      group: groupId,
      school: schoolId,
      guardians: null,
    };
    const targetId = targetIds[audience];
    if (audience !== "guardians" && !targetId) {
      setProblem(t("portfolio.sharing.chooseWho"));
      return;
    }
    try {
      const share = await create.mutateAsync({ targetType: audience, targetId, allowComments });
      setDone(t("portfolio.sharing.added", { name: share.targetName }));
      setPersonId(null);
      onAdded();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="share-add">
      <Title order={3} fz="h4" id="share-add">
        {t("portfolio.sharing.add")}
      </Title>
      <Select
        label={t("portfolio.sharing.who")}
        data={(["class", "person", "group", "guardians", "school"] as const).map((a) => ({
          value: a,
          label: t(`portfolio.sharing.audience.${a}`),
        }))}
        value={audience}
        onChange={(v) => v && setAudience(v as Audience)}
        allowDeselect={false}
      />
      {(audience === "class" || audience === "person") && (
        <Select
          label={t("portfolio.sharing.class")}
          data={classOptions}
          value={classId}
          onChange={setClassId}
          placeholder={t("portfolio.sharing.pickClass")}
        />
      )}
      {audience === "person" && (
        <Select
          label={t("portfolio.sharing.person")}
          data={personOptions}
          value={personId}
          onChange={setPersonId}
          searchable
          disabled={!classId}
          placeholder={classId ? t("portfolio.sharing.pickPerson") : t("portfolio.sharing.pickClassFirst")}
        />
      )}
      {audience === "group" && myGroups.isPending && <ListSkeleton rows={1} />}
      {audience === "group" && myGroups.isError && <ErrorState error={myGroups.error} onRetry={() => void myGroups.refetch()} />}
      {audience === "group" && myGroups.isSuccess && groupOptions.length === 0 && <Text c="dimmed">{t("portfolio.sharing.noGroups")}</Text>}
      {audience === "group" && groupOptions.length > 0 && (
        <Select
          label={t("portfolio.sharing.group")}
          data={groupOptions}
          value={groupId}
          onChange={setGroupId}
          placeholder={t("portfolio.sharing.pickGroup")}
        />
      )}
      <Checkbox
        label={t("portfolio.sharing.allowComments")}
        checked={allowComments}
        onChange={(e) => setAllowComments(e.currentTarget.checked)}
      />
      <FormAlert message={problem} />
      {done && <Success>{done}</Success>}
      <Group>
        <Button leftSection={<IconShare size={16} aria-hidden />} onClick={() => void handleAdd()} loading={create.isPending}>
          {t("portfolio.sharing.share")}
        </Button>
      </Group>
    </Stack>
  );
}

/** Makes a secret link (optional expiry) and shows it once, with a copy button. */
function CreateLink({ type, id, onCreated }: { type: SubjectType; id: string; onCreated: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const create = useCreateLink(type, id);
  const [label, setLabel] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [made, setMade] = useState<TLinkCreated | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function handleCreate() {
    setProblem(null);
    try {
      // The link works until the end of the chosen day, in the viewer's own time zone.
      const expiresAt = expiresOn ? new Date(`${expiresOn}T23:59:59`).toISOString() : null;
      setMade(await create.mutateAsync({ label: label.trim(), expiresAt }));
      setLabel("");
      setExpiresOn("");
      onCreated();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  const url = made ? new URL(`/shared/${made.token}`, window.location.origin).toString() : "";
  return (
    <Stack gap="sm" mt="sm">
      <Group grow align="flex-end">
        <TextInput
          label={t("portfolio.sharing.linkLabel")}
          description={t("portfolio.sharing.linkLabelHelp")}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
        />
        <TextInput
          label={t("portfolio.sharing.expiresOn")}
          description={t("portfolio.sharing.expiresHelp")}
          type="date"
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.currentTarget.value)}
        />
      </Group>
      <FormAlert message={problem} />
      <Group>
        <Button
          variant="light"
          leftSection={<IconLink size={16} aria-hidden />}
          onClick={() => void handleCreate()}
          loading={create.isPending}
        >
          {t("portfolio.sharing.makeLink")}
        </Button>
      </Group>
      {made && (
        <Stack gap={4} role="status">
          <Text size="sm" fw={600}>
            {t("portfolio.sharing.linkMade")}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <TextInput
              aria-label={t("portfolio.sharing.secretLink")}
              value={url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button onClick={copy} leftSection={<IconCopy size={16} aria-hidden />} color={copied ? "teal" : undefined}>
                  {copied ? t("portfolio.sharing.copied") : t("portfolio.sharing.copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
