import { Skeleton, Stack, VisuallyHidden, SimpleGrid } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Placeholder rows (or cards) while a list loads; announced once to screen readers. */
export function ListSkeleton({ rows = 5, cards = false }: { rows?: number; cards?: boolean }) {
  const { t } = useTranslation();
  const items = Array.from({ length: rows }, (_, i) => i);
  return (
    <div role="status" aria-busy="true">
      <VisuallyHidden>{t("common.loading")}</VisuallyHidden>
      {cards ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-hidden>
          {items.map((i) => (
            <Skeleton key={i} height={120} radius="md" />
          ))}
        </SimpleGrid>
      ) : (
        <Stack gap="sm" aria-hidden>
          <Skeleton height={36} radius="sm" />
          {items.map((i) => (
            <Skeleton key={i} height={28} radius="sm" />
          ))}
        </Stack>
      )}
    </div>
  );
}
