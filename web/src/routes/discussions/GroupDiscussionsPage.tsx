import { IconMessages } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useGroupBoards } from "../../api/discussions";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { BoardList } from "./BoardList";

/** One group's discussion boards (its members, the class's teachers). */
export function GroupDiscussionsPage() {
  const { t } = useTranslation();
  const { groupId = "" } = useParams();
  const boards = useGroupBoards(groupId);
  return (
    <>
      <PageHeader
        title={t("discussions.openGroupBoards")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("discussions.pageTitle"), to: "/discussions" }, { label: t("discussions.openGroupBoards") }]}
      />
      {boards.isPending && <ListSkeleton rows={3} cards />}
      {boards.isError && <ErrorState error={boards.error} onRetry={() => void boards.refetch()} />}
      {boards.data && boards.data.data.length === 0 && (
        <EmptyState icon={<IconMessages size={32} aria-hidden />} title={t("discussions.classEmpty")} description={t("discussions.classEmptyStudent")} />
      )}
      {boards.data && boards.data.data.length > 0 && <BoardList boards={boards.data.data} />}
    </>
  );
}
