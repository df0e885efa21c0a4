import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconMessages, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useClassBoards } from "../../api/discussions";
import { useClass } from "../../api/classes";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { BoardFormModal } from "./BoardFormModal";
import { BoardList } from "./BoardList";

/** A class's discussion boards; its teachers create new ones here. */
export function ClassDiscussionsPage() {
  const { t } = useTranslation();
  const { classId = "" } = useParams();
  const cls = useClass(classId);
  const boards = useClassBoards(classId, true);
  const [creating, creator] = useDisclosure(false);
  const canCreate = boards.data?.policies?.create ?? false;
  const className = cls.data?.data.title ?? t("discussions.loading");
  return (
    <>
      <PageHeader
        title={t("discussions.boardsOfClass")}
        breadcrumbs={[
          { label: t("nav.home"), to: "/" },
          { label: className, to: `/classes/${classId}` },
          { label: t("discussions.pageTitle") },
        ]}
        actions={
          canCreate ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={creator.open} size="md">
              {t("discussions.newBoard")}
            </Button>
          ) : undefined
        }
      />
      {boards.isPending && <ListSkeleton rows={3} cards />}
      {boards.isError && <ErrorState error={boards.error} onRetry={() => void boards.refetch()} />}
      {boards.data && boards.data.data.length === 0 && (
        <EmptyState
          icon={<IconMessages size={32} aria-hidden />}
          title={t("discussions.classEmpty")}
          description={canCreate ? t("discussions.classEmptyTeacher") : t("discussions.classEmptyStudent")}
        />
      )}
      {boards.data && boards.data.data.length > 0 && <BoardList boards={boards.data.data} showClass={false} />}
      {canCreate && <BoardFormModal opened={creating} onClose={creator.close} classId={classId} />}
    </>
  );
}
