import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { GroupBrainstormSection } from "./BoardList";

/** A group's brainstorm boards (reached from the group's card in "My groups"). */
export function GroupBrainstormPage() {
  const { t } = useTranslation();
  const { groupId = "" } = useParams();
  return (
    <>
      <PageHeader
        title={t("brainstorm.groupPageTitle")}
        breadcrumbs={[
          { label: t("nav.home"), to: "/" },
          { label: t("groups.mine.title"), to: "/my-groups" },
          { label: t("brainstorm.groupPageTitle") },
        ]}
      />
      <GroupBrainstormSection groupId={groupId} />
    </>
  );
}
