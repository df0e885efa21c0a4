import { Badge, Button, Card, Group, Modal, Stack, TagsInput, Text, TextInput, Textarea } from "@mantine/core";
import { IconEdit } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useCurrentUser } from "../../api/me";
import { useArtifact, useDeleteArtifact, useUpdateArtifact } from "../../api/portfolio";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorState, useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { PageHeader } from "../../components/PageHeader";
import { PageLoader } from "../../components/PageLoader";
import { formatDate } from "../../lib/format";
import { KindIcon } from "./ArtifactCard";
import { ArtifactView } from "./ArtifactView";
import { Comments } from "./Comments";
import { ReflectionPanel } from "./ReflectionPanel";

/** One artifact: its content and details, the owner's reflections (with the teachers' prompts), and feedback. */
export function ArtifactPage() {
  const { t } = useTranslation();
  const { artifactId = "" } = useParams();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const artifact = useArtifact(artifactId);
  const remove = useDeleteArtifact();
  const [editing, setEditing] = useState(false);

  if (artifact.isPending) return <PageLoader />;
  if (artifact.isError) {
    return (
      <>
        <PageHeader
          title={t("portfolio.artifact.notFound")}
          breadcrumbs={[{ label: t("portfolio.nav.student"), to: "/portfolio" }, { label: t("portfolio.artifact.notFound") }]}
        />
        <ErrorState error={artifact.error} onRetry={() => void artifact.refetch()} />
      </>
    );
  }
  const a = artifact.data;
  const owns = a.owner.id === me.user.id || a.coOwners.some((o) => o.id === me.user.id);

  return (
    <>
      <PageHeader
        title={a.title}
        breadcrumbs={[{ label: t("portfolio.nav.student"), to: "/portfolio" }, { label: a.title }]}
        description={
          <Group gap="xs">
            <KindIcon kind={a.kind} size={16} />
            <span>{t(`portfolio.kinds.${a.kind}`)}</span>
            {a.occurredOn && <span>· {formatDate(a.occurredOn)}</span>}
            {a.coOwners.length > 1 && (
              <span>· {t("portfolio.artifact.groupWork", { names: a.coOwners.map((o) => o.name).join(", ") })}</span>
            )}
          </Group>
        }
        actions={
          owns && (
            <>
              <Button variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => setEditing(true)}>
                {t("portfolio.artifact.edit")}
              </Button>
              <ConfirmButton
                label={t("portfolio.artifact.delete")}
                title={t("portfolio.artifact.deleteTitle")}
                message={t("portfolio.artifact.deleteText")}
                size="sm"
                onConfirm={async () => {
                  await remove.mutateAsync(a.id);
                  await navigate("/portfolio");
                }}
              />
            </>
          )
        }
      />
      <Stack gap="xl">
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            {a.description && <Text>{a.description}</Text>}
            <ArtifactView artifact={a} />
            {(a.tags.length > 0 || a.skills.length > 0) && (
              <Group gap={4}>
                {a.tags.map((tag) => (
                  <Badge key={tag} variant="light" tt="none">
                    {tag}
                  </Badge>
                ))}
                {a.skills.map((skill) => (
                  <Badge key={skill} variant="outline" color="teal.9" tt="none">
                    {skill}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        </Card>
        <ReflectionPanel kind="artifact" id={a.id} canWrite={owns} />
        <Comments type="artifact" id={a.id} />
      </Stack>
      {owns && editing && <EditArtifactModal artifactId={a.id} initial={a} onClose={() => setEditing(false)} />}
    </>
  );
}

interface EditProps {
  artifactId: string;
  initial: { title: string; description: string; tags: string[]; skills: string[] };
  onClose: () => void;
}

/** Changes an artifact's title, description, tags and skills. */
function EditArtifactModal({ artifactId, initial, onClose }: EditProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateArtifact(artifactId);
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);

  async function handleSave() {
    setProblem(null);
    try {
      await update.mutateAsync(draft);
      onClose();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("portfolio.artifact.edit")} size="lg">
      <Stack gap="md">
        <FormAlert message={problem} />
        <TextInput
          label={t("portfolio.fields.title")}
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
          required
        />
        <Textarea
          label={t("portfolio.fields.description")}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
          autosize
          minRows={2}
        />
        <TagsInput
          label={t("portfolio.fields.tags")}
          description={t("common.tagsHelp")}
          value={draft.tags}
          onChange={(tags) => setDraft({ ...draft, tags })}
        />
        <TagsInput
          label={t("portfolio.fields.skills")}
          description={t("common.tagsHelp")}
          value={draft.skills}
          onChange={(skills) => setDraft({ ...draft, skills })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => void handleSave()} loading={update.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
