import { Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { useClass } from "../../../api/classes";
import { ErrorState } from "../../../components/ErrorState";
import { PageHeader } from "../../../components/PageHeader";
import { PageLoader } from "../../../components/PageLoader";
import { ClassAssessments } from "./ClassAssessments";
import { ClassPrompts } from "./ClassPrompts";
import { ClassTemplates } from "./ClassTemplates";
import { RubricBuilder } from "./RubricBuilder";

const tabNames = ["assessments", "rubrics", "templates", "prompts"] as const;
type TabName = (typeof tabNames)[number];

/** One class's portfolio work for its teacher: submissions by assessment, rubrics, templates, reflection prompts. */
export function TeachClassPage() {
  const { t } = useTranslation();
  const { classId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const cls = useClass(classId);
  const tab: TabName = tabNames.includes(params.get("tab") as TabName) ? (params.get("tab") as TabName) : "assessments";

  if (cls.isPending) return <PageLoader />;
  if (cls.isError) return <ErrorState error={cls.error} onRetry={() => void cls.refetch()} />;
  const title = cls.data.data.title;

  return (
    <>
      <PageHeader
        title={t("portfolio.teach.classTitle", { title })}
        breadcrumbs={[{ label: t("portfolio.nav.teacher"), to: "/portfolio/teach" }, { label: title }]}
      />
      <Tabs value={tab} onChange={(v) => setParams(v && v !== "assessments" ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          {tabNames.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`portfolio.teach.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="assessments">
          <ClassAssessments classId={classId} />
        </Tabs.Panel>
        <Tabs.Panel value="rubrics">
          <RubricBuilder classId={classId} />
        </Tabs.Panel>
        <Tabs.Panel value="templates">
          <ClassTemplates classId={classId} />
        </Tabs.Panel>
        <Tabs.Panel value="prompts">
          <ClassPrompts classId={classId} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
