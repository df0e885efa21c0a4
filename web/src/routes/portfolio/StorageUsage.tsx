import { Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useUsage } from "../../api/portfolio";
import { formatBytes } from "./ArtifactView";

/** How much of the student's storage is used, and the largest file allowed; quiet while loading or on error (uploads still say why they fail). */
export function StorageUsage() {
  const { t } = useTranslation();
  const usage = useUsage();
  if (!usage.data) return null;
  const { usedBytes, quotaBytes, maxFileBytes } = usage.data;
  const percent = quotaBytes > 0 ? Math.min(100, Math.round((usedBytes / quotaBytes) * 100)) : 0;
  const label = t("portfolio.usage.used", { used: formatBytes(usedBytes), quota: formatBytes(quotaBytes) });
  return (
    <Stack gap={4}>
      <Text size="sm">{label}</Text>
      <Progress value={percent} color={percent >= 90 ? "red" : "blue"} aria-label={label} />
      <Text size="xs" c="dimmed">
        {t("portfolio.usage.maxFile", { size: formatBytes(maxFileBytes) })}
      </Text>
    </Stack>
  );
}
