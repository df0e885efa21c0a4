import { Button, Group, Modal, Progress, Stack, TagsInput, Text, TextInput, Textarea } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { IconPhoto, IconUpload, IconX } from "@tabler/icons-react";
import { ZArtifactCreate, type TArtifact, type TArtifactCreate, type TPortfolioFile } from "@stoa/contracts";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { uploadPortfolioFile, useCreateArtifact, useTags, useUsage } from "../../api/portfolio";
import { FormAlert } from "../../components/FormAlert";
import { RichTextEditor } from "../../components/RichTextEditor";
import { useErrorMessage } from "../../components/ErrorState";
import { StorageUsage } from "./StorageUsage";

export type AddMode = "file" | "link" | "text";

interface Props {
  mode: AddMode | null;
  onClose: () => void;
  onCreated?: (artifact: TArtifact) => void;
}

interface Draft {
  title: string;
  description: string;
  tags: string[];
  skills: string[];
  occurredOn: string;
  url: string;
  body: string;
}

const emptyDraft: Draft = { title: "", description: "", tags: [], skills: [], occurredOn: "", url: "", body: "" };

/** Adds one artifact: upload a file (drop or "Choose file"), a link, or a piece of writing. */
export function AddArtifactModal({ mode, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const create = useCreateArtifact();
  const labels = useTags();
  const usage = useUsage();
  const openRef = useRef<() => void>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [file, setFile] = useState<TPortfolioFile | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  function reset() {
    setDraft(emptyDraft);
    setFile(null);
    setProgress(null);
    setErrors({});
    setProblem(null);
  }

  function handleClose() {
    reset();
    onClose();
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function handleFile(chosen: File) {
    setProblem(null);
    setProgress(0);
    try {
      const uploaded = await uploadPortfolioFile(chosen, setProgress);
      setFile(uploaded);
      void usage.refetch();
      if (!draft.title) set("title", chosen.name.replace(/\.[^.]+$/, ""));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setProgress(null);
    }
  }

  function payload(): unknown {
    const common = {
      title: draft.title,
      description: draft.description,
      tags: draft.tags,
      skills: draft.skills,
      occurredOn: draft.occurredOn || null,
    };
    if (mode === "file") return { kind: "file", fileId: file?.id ?? "", ...common };
    if (mode === "link") return { kind: "link", url: draft.url.trim(), ...common };
    return { kind: "text", body: draft.body, ...common };
  }

  async function handleSubmit() {
    setProblem(null);
    if (mode === "file" && !file) {
      setProblem(t("portfolio.add.chooseFirst"));
      return;
    }
    const parsed = ZArtifactCreate.safeParse(payload());
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0] ?? "form")] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    try {
      const artifact = await create.mutateAsync(parsed.data as TArtifactCreate);
      onCreated?.(artifact);
      handleClose();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  const uploading = progress !== null;
  return (
    <Modal opened={mode !== null} onClose={handleClose} title={mode ? t(`portfolio.add.title.${mode}`) : ""} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void handleSubmit();
        }}
      >
        <Stack gap="md">
          <FormAlert message={problem} />
          {mode === "file" && (
            <Stack gap="xs">
              <Dropzone
                openRef={openRef}
                onDrop={(files) => files[0] && void handleFile(files[0])}
                onReject={() => setProblem(t("portfolio.add.rejected"))}
                maxFiles={1}
                multiple={false}
                disabled={uploading}
                activateOnClick={false}
                activateOnKeyboard={false}
                tabIndex={-1}
                aria-label={t("portfolio.add.dropzone")}
              >
                <Group justify="center" gap="lg" mih={110} style={{ pointerEvents: "none" }} wrap="nowrap">
                  <Dropzone.Accept>
                    <IconUpload size={40} aria-hidden />
                  </Dropzone.Accept>
                  <Dropzone.Reject>
                    <IconX size={40} aria-hidden />
                  </Dropzone.Reject>
                  <Dropzone.Idle>
                    <IconPhoto size={40} aria-hidden />
                  </Dropzone.Idle>
                  <div>
                    <Text fw={600}>{t("portfolio.add.dropHere")}</Text>
                    <Text size="sm" c="dimmed">
                      {t("portfolio.add.dropHelp")}
                    </Text>
                  </div>
                </Group>
              </Dropzone>
              <Group>
                <Button
                  variant="default"
                  onClick={() => openRef.current?.()}
                  disabled={uploading}
                  leftSection={<IconUpload size={16} aria-hidden />}
                >
                  {t("portfolio.add.chooseFile")}
                </Button>
                {file && (
                  <Text size="sm" role="status">
                    {t("portfolio.add.uploaded", { name: file.fileName })}
                  </Text>
                )}
              </Group>
              {uploading && <Progress value={Math.round((progress ?? 0) * 100)} size="lg" aria-label={t("portfolio.add.uploading")} />}
              <StorageUsage />
            </Stack>
          )}
          <TextInput
            label={t("portfolio.fields.title")}
            value={draft.title}
            onChange={(e) => set("title", e.currentTarget.value)}
            error={errors.title}
            required
          />
          {mode === "link" && (
            <TextInput
              label={t("portfolio.fields.url")}
              type="url"
              placeholder="https://"
              value={draft.url}
              onChange={(e) => set("url", e.currentTarget.value)}
              error={errors.url}
              required
            />
          )}
          {mode === "text" && (
            <RichTextEditor
              label={t("portfolio.fields.body")}
              value={draft.body}
              onChange={(html) => set("body", html)}
              error={errors.body}
            />
          )}
          <Textarea
            label={t("portfolio.fields.description")}
            value={draft.description}
            onChange={(e) => set("description", e.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={2}
          />
          <Group grow align="flex-start">
            <TagsInput
              label={t("portfolio.fields.tags")}
              description={t("common.tagsHelp")}
              value={draft.tags}
              onChange={(v) => set("tags", v)}
              error={errors.tags}
            />
            <TagsInput
              label={t("portfolio.fields.skills")}
              description={t("portfolio.add.skillsHelp")}
              data={labels.data?.skills ?? []}
              value={draft.skills}
              onChange={(v) => set("skills", v)}
              error={errors.skills}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label={t("portfolio.fields.date")}
              type="date"
              value={draft.occurredOn}
              onChange={(e) => set("occurredOn", e.currentTarget.value)}
              error={errors.occurredOn}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={handleClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={uploading}>
              {t("portfolio.add.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
