import { Badge, Button, Group, Stack } from "@mantine/core";
import { IconEdit, IconPresentation, IconSend, IconShare, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { useDeletePage, usePage, useUpdatePage } from "../../api/portfolio";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorState } from "../../components/ErrorState";
import { PageHeader } from "../../components/PageHeader";
import { PageLoader } from "../../components/PageLoader";
import { Comments } from "./Comments";
import { AnswerFeedbackRequest, RequestFeedbackModal } from "./FeedbackRequests";
import { pageSlides, PageView } from "./PageView";
import { Presentation } from "./Presentation";
import { ReflectionPanel } from "./ReflectionPanel";
import { SharingPanel } from "./SharingPanel";
import { SubmitModal } from "./SubmitModal";
import { SharingBadge } from "./PagesPage";

/** A page as its owner or a viewer sees it: the layout, reflections and feedback; the owner edits, shares, presents and submits. */
export function PageScreen() {
  const { t } = useTranslation();
  const { pageId = "" } = useParams();
  const navigate = useNavigate();
  const answer = usePage(pageId);
  const remove = useDeletePage();
  const update = useUpdatePage(pageId);
  const [panel, setPanel] = useState<"share" | "feedback" | "submit" | "present" | null>(null);

  if (answer.isPending) return <PageLoader />;
  if (answer.isError) {
    return (
      <>
        <PageHeader title={t("portfolio.page.notFound")} />
        <ErrorState error={answer.error} onRetry={() => void answer.refetch()} />
      </>
    );
  }
  const { page, policies } = answer.data;
  const owner = page.isOwner;
  const crumbs = owner
    ? [{ label: t("portfolio.pages.title"), to: "/portfolio/pages" }, { label: page.title }]
    : [{ label: t("portfolio.shared.title"), to: "/portfolio/shared" }, { label: page.title }];

  return (
    <>
      <PageHeader
        title={page.title}
        breadcrumbs={crumbs}
        description={
          <Group gap="xs">
            {!owner && <span>{t("portfolio.page.by", { name: page.owner.name })}</span>}
            <Badge variant="light" tt="none">
              {t(`portfolio.purposes.${page.purpose}`)}
            </Badge>
            {owner && <SharingBadge sharing={page.sharing} />}
          </Group>
        }
        actions={
          <>
            <Button variant="default" leftSection={<IconPresentation size={16} aria-hidden />} onClick={() => setPanel("present")}>
              {t("portfolio.page.present")}
            </Button>
            {policies.canEdit && (
              <Button
                variant="default"
                component={Link}
                to={`/portfolio/pages/${page.id}/edit`}
                leftSection={<IconEdit size={16} aria-hidden />}
              >
                {t("portfolio.page.edit")}
              </Button>
            )}
            {policies.canShare && (
              <Button leftSection={<IconShare size={16} aria-hidden />} onClick={() => setPanel("share")}>
                {t("portfolio.page.share")}
              </Button>
            )}
          </>
        }
      />
      {owner && (
        <Group gap="sm" mb="lg">
          <Button variant="light" leftSection={<IconUsers size={16} aria-hidden />} onClick={() => setPanel("feedback")}>
            {t("portfolio.page.askFeedback")}
          </Button>
          <Button variant="light" leftSection={<IconSend size={16} aria-hidden />} onClick={() => setPanel("submit")}>
            {t("portfolio.page.submit")}
          </Button>
          <ConfirmButton
            label={t("portfolio.page.delete")}
            title={t("portfolio.page.deleteTitle")}
            message={t("portfolio.page.deleteText")}
            size="sm"
            onConfirm={async () => {
              await remove.mutateAsync(page.id);
              await navigate("/portfolio/pages");
            }}
          />
        </Group>
      )}
      <Stack gap="xl">
        <PageView page={page} pageReflections={!owner} />
        {owner && <ReflectionPanel kind="page" id={page.id} canWrite />}
        {!owner && <AnswerFeedbackRequest pageId={page.id} />}
        <Comments type="page" id={page.id} />
      </Stack>
      <Presentation
        opened={panel === "present"}
        onClose={() => setPanel(null)}
        title={page.title}
        slides={pageSlides(page, (n) => t("portfolio.present.part", { n }))}
      />
      {policies.canShare && (
        <SharingPanel type="page" id={page.id} title={page.title} opened={panel === "share"} onClose={() => setPanel(null)} />
      )}
      {owner && panel === "feedback" && <RequestFeedbackModal pageId={page.id} onClose={() => setPanel(null)} />}
      {owner && panel === "submit" && (
        <SubmitModal
          subject={{ pageId: page.id }}
          purpose={page.purpose}
          makeAssessment={() => update.mutateAsync({ purpose: "assessment", version: page.version })}
          onClose={() => setPanel(null)}
        />
      )}
    </>
  );
}
