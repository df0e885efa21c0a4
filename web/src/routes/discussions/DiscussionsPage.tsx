import { Button, Group, Stack, TextInput } from "@mantine/core";
import { IconMessages, IconSearch } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useMyBoards } from "../../api/discussions";
import { useCurrentUser } from "../../api/me";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { roleSet } from "../../lib/people";
import { BoardList } from "./BoardList";

/** Every board the person reads across their classes and groups, with new-post counts, and search. */
export function DiscussionsPage() {
  const { t } = useTranslation();
  const boards = useMyBoards();
  const me = useCurrentUser();
  const teaches = roleSet(me.roles).has("teacher");
  return (
    <>
      <PageHeader
        title={t("discussions.pageTitle")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("discussions.pageTitle") }]}
        description={t("discussions.pageDescription")}
      />
      <Stack gap="lg">
        <SearchBox />
        {boards.isPending && <ListSkeleton rows={4} cards />}
        {boards.isError && <ErrorState error={boards.error} onRetry={() => void boards.refetch()} />}
        {boards.data && boards.data.items.length === 0 && (
          <EmptyState
            icon={<IconMessages size={32} aria-hidden />}
            title={t("discussions.emptyTitle")}
            description={teaches ? t("discussions.emptyTeacher") : t("discussions.emptyStudent")}
          />
        )}
        {boards.data && boards.data.items.length > 0 && <BoardList boards={boards.data.items} />}
      </Stack>
    </>
  );
}

/** A search field that opens the search page. */
export function SearchBox({ initial = "" }: { initial?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (q.trim().length >= 2) void navigate(`/discussions/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form onSubmit={handleSubmit} role="search">
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t("discussions.searchLabel")}
          placeholder={t("discussions.searchPlaceholder")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
          size="md"
        />
        <Button type="submit" size="md" leftSection={<IconSearch size={16} aria-hidden />}>
          {t("discussions.searchButton")}
        </Button>
      </Group>
    </form>
  );
}
