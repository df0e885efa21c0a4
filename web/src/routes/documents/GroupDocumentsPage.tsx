import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { DocumentsPanel } from "./DocumentsPanel";

/** A group's shared documents outside any task (reached from "My groups"). */
export function GroupDocumentsPage() {
  const { t } = useTranslation();
  const { groupId = "" } = useParams();
  return (
    <>
      <PageHeader
        title={t("documents.listTitle")}
        description={t("documents.listIntro")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("groups.mine.title"), to: "/my-groups" }, { label: t("documents.listTitle") }]}
      />
      <DocumentsPanel groupId={groupId} showHeading={false} />
    </>
  );
}
