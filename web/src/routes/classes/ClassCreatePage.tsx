import { Paper } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCreateClass } from "../../api/classes";
import { PageHeader } from "../../components/PageHeader";
import { ClassForm } from "./ClassForm";

/** Create a class, then go to it to enrol people. */
export function ClassCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateClass();
  return (
    <>
      <PageHeader
        title={t("classes.create")}
        breadcrumbs={[{ label: t("nav.home"), to: "/" }, { label: t("nav.classes"), to: "/classes" }, { label: t("classes.create") }]}
      />
      <Paper withBorder p="lg" radius="md" maw={760}>
        <ClassForm
          mode="create"
          onCancel={() => void navigate("/classes")}
          onSubmit={async (body) => {
            const cls = await create.mutateAsync(body);
            notifications.show({ color: "green", message: t("classes.created", { title: cls.title }) });
            await navigate(`/classes/${cls.id}`);
          }}
        />
      </Paper>
    </>
  );
}
