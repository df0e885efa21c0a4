import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { ChatPanel } from "./ChatPanel";

/** A class's or a group's chat on its own page (where chat notifications lead). */
export function ChatPage({ kind }: { kind: "class" | "group" }) {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const title = kind === "class" ? t("chat.classTitle") : t("chat.groupTitle");
  const crumbs = [{ label: t("nav.home"), to: "/" }, ...(kind === "class" ? [{ label: t("nav.classes"), to: `/classes/${id}` }] : []), { label: title }];
  return (
    <>
      <PageHeader title={title} breadcrumbs={crumbs} />
      <ChatPanel target={{ kind, id }} height="60vh" />
    </>
  );
}

/** The class chat page. */
export const ClassChatPage = () => <ChatPage kind="class" />;
/** The group chat page. */
export const GroupChatPage = () => <ChatPage kind="group" />;
