import { SimpleGrid } from "@mantine/core";
import { IconSchool } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useState } from "react";
import { useClasses } from "../../api/classes";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { Pager } from "../../components/Pager";
import { ClassCard } from "./ClassCard";

interface Props {
  large?: boolean;
  emptyTitle: string;
  emptyText: string;
  emptyAction?: ReactNode;
}

const pageSize = 24;

/** The caller's active classes as cards, with loading, error, empty and paging states. */
export function ClassCards({ large = false, emptyTitle, emptyText, emptyAction }: Props) {
  const [page, setPage] = useState(1);
  const classes = useClasses({ status: "active", page, pageSize });
  if (classes.isPending) return <ListSkeleton rows={large ? 2 : 3} cards />;
  if (classes.isError) return <ErrorState error={classes.error} onRetry={() => void classes.refetch()} />;
  const { items, total } = classes.data;
  if (total === 0) {
    return <EmptyState icon={<IconSchool aria-hidden />} title={emptyTitle} description={emptyText} action={emptyAction} />;
  }
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {items.map((cls) => (
          <ClassCard key={cls.id} cls={cls} large={large} />
        ))}
      </SimpleGrid>
      {(!large || total > pageSize) && <Pager page={page} pageSize={pageSize} total={total} onChange={setPage} />}
    </>
  );
}
