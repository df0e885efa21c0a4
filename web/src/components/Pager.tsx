import { Group, Pagination, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

interface Props {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}

/** "Showing 1–50 of 230" and page buttons; hidden page buttons when everything fits on one page. */
export function Pager({ page, pageSize, total, onChange }: Props) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t("pager.showing", { from, to, total })}
      </Text>
      {pages > 1 && (
        <nav aria-label={t("pager.label")}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onChange}
            siblings={1}
            boundaries={1}
            size="sm"
            getItemProps={(p) => ({ "aria-label": t("pager.page", { page: p }), "aria-current": p === page ? "page" : undefined })}
            getControlProps={(control) => ({ "aria-label": t(`pager.${control}`) })}
          />
        </nav>
      )}
    </Group>
  );
}

/** Client-side page of an array, for endpoints that return whole lists. */
export function pageOf<T>(items: T[], page: number, pageSize: number): T[] {
  return items.slice((page - 1) * pageSize, page * pageSize);
}
