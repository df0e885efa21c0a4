import { Button, Group, Progress, Stack, Text } from "@mantine/core";
import { Dropzone } from "@mantine/dropzone";
import { IconFileZip, IconUpload, IconX } from "@tabler/icons-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";

const maxBytes = 100 * 1024 * 1024;
const accept = { "application/zip": [".zip"], "application/x-zip-compressed": [".zip"] };

interface Props {
  onFile: (file: File) => void;
  busy: boolean;
  progress: number;
  fileName: string | null;
}

/** Drag a .zip here, or use the "Choose file" button (keyboard and screen-reader friendly). */
export function RosterDropzone({ onFile, busy, progress, fileName }: Props) {
  const { t } = useTranslation();
  const openRef = useRef<() => void>(null);
  const [rejected, setRejected] = useState<string | null>(null);
  const percent = Math.round(progress * 100);
  const processing = busy && percent >= 100;

  return (
    <Stack gap="sm">
      <Dropzone
        openRef={openRef}
        onDrop={(files) => {
          setRejected(null);
          const file = files[0];
          if (file) onFile(file);
        }}
        onReject={(rejections) => {
          const tooBig = rejections.some((r) => r.errors.some((e) => e.code === "file-too-large"));
          setRejected(tooBig ? t("imports.tooBig") : t("imports.notZip"));
        }}
        accept={accept}
        maxSize={maxBytes}
        maxFiles={1}
        multiple={false}
        disabled={busy}
        activateOnClick={false}
        activateOnKeyboard={false}
        tabIndex={-1}
        aria-label={t("imports.dropzone")}
        name="file"
      >
        <Group justify="center" gap="lg" mih={140} style={{ pointerEvents: "none" }} wrap="nowrap">
          <Dropzone.Accept>
            <IconUpload size={48} aria-hidden />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={48} aria-hidden />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileZip size={48} aria-hidden />
          </Dropzone.Idle>
          <div>
            <Text size="lg" fw={600}>
              {t("imports.dropHere")}
            </Text>
            <Text size="sm" c="dimmed">
              {t("imports.dropHelp")}
            </Text>
          </div>
        </Group>
      </Dropzone>
      <Group>
        <Button onClick={() => openRef.current?.()} disabled={busy} leftSection={<IconUpload size={16} aria-hidden />}>
          {t("imports.chooseFile")}
        </Button>
      </Group>
      {rejected && (
        <Text c="red" role="alert">
          {rejected}
        </Text>
      )}
      {busy && (
        <Stack gap={4} role="status">
          <Text size="sm">
            {processing ? t("imports.processing", { file: fileName ?? "" }) : t("imports.uploading", { file: fileName ?? "", percent })}
          </Text>
          <Progress
            value={processing ? 100 : percent}
            animated={processing}
            striped={processing}
            size="lg"
            aria-label={t("imports.progress")}
          />
        </Stack>
      )}
    </Stack>
  );
}
