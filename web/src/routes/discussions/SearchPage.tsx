import { Anchor, Paper, Stack, Text } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useDiscussionSearch } from "../../api/discussions";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { Pager } from "../../components/Pager";
import { formatDateTime } from "../../lib/format";
import { SearchBox } from "./DiscussionsPage";

/** Search results across every post the person may read: thread, board, a highlighted excerpt. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = params.get("q") ?? "";
  const [page, setPage] = useState(1);
  const results = useDiscussionSearch(q, page);
  return (
    <>
      <PageHeader
        title={t("discussions.searchTitle")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("discussions.pageTitle"), to: "/discussions" }, { label: t("discussions.searchTitle") }]}
      />
      <Stack gap="lg">
        <SearchBox key={q} initial={q} />
        {q.trim().length < 2 && <Text>{t("discussions.searchStart")}</Text>}
        {q.trim().length >= 2 && results.isPending && <ListSkeleton rows={3} />}
        {results.isError && <ErrorState error={results.error} onRetry={() => void results.refetch()} />}
        {results.data && results.data.items.length === 0 && (
          <EmptyState icon={<IconSearch size={32} aria-hidden />} title={t("discussions.searchNone")} description={t("discussions.searchNoneHint")} />
        )}
        {results.data && results.data.items.length > 0 && (
          <>
            <Stack gap="sm" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {results.data.items.map((r) => (
                <li key={r.postId}>
                  <Paper withBorder p="md" radius="md">
                    <Anchor component={Link} to={`/discussions/threads/${r.threadId}#post-${r.postId}`} fw={700}>
                      {r.threadTitle}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {t("discussions.searchIn", { author: r.author.name, board: r.boardTitle, className: r.className })} · {formatDateTime(r.createdAt)}
                    </Text>
                    <Text mt={4}>
                      <Excerpt text={r.excerpt} />
                    </Text>
                  </Paper>
                </li>
              ))}
            </Stack>
            <Pager page={results.data.page} pageSize={results.data.pageSize} total={results.data.total} onChange={setPage} />
          </>
        )}
      </Stack>
    </>
  );
}

/** The excerpt as text, with the matched words (between « and ») in bold; never HTML. */
function Excerpt({ text }: { text: string }) {
  const parts = text.split(/«|»/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>{i % 2 === 1 ? <strong>{part}</strong> : part}</Fragment>
      ))}
    </>
  );
}
