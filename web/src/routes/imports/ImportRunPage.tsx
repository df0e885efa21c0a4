import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useImportRun } from "../../api/imports";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { PageHeader } from "../../components/PageHeader";
import { formatDateTime } from "../../lib/format";
import { ImportResult } from "./ImportResult";
import { ImportStatusBadge } from "./ImportHistory";

/** The report of one earlier import. */
export function ImportRunPage() {
  const { t } = useTranslation();
  const { importId = "" } = useParams();
  const run = useImportRun(importId);
  const crumbs = [
    { label: t("nav.home"), to: "/" },
    { label: t("nav.imports"), to: "/imports" },
  ];
  if (run.isPending) {
    return (
      <>
        <PageHeader title={t("imports.runTitle")} breadcrumbs={[...crumbs, { label: t("common.loading") }]} />
        <ListSkeleton rows={6} />
      </>
    );
  }
  if (run.isError) {
    return (
      <>
        <PageHeader title={t("imports.runTitle")} breadcrumbs={[...crumbs, { label: t("imports.runTitle") }]} />
        <ErrorState error={run.error} onRetry={() => void run.refetch()} />
      </>
    );
  }
  const title = t("imports.runOf", { when: formatDateTime(run.data.startedAt) });
  return (
    <>
      <PageHeader
        title={title}
        breadcrumbs={[...crumbs, { label: title }]}
        description={
          <>
            <ImportStatusBadge status={run.data.status} /> {run.data.fileName}{" "}
            {run.data.actor && `· ${t("imports.byName", { name: run.data.actor.name })}`}
          </>
        }
      />
      <ImportResult run={run.data} />
    </>
  );
}
