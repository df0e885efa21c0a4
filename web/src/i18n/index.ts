import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
// Each area past the foundation keeps its strings in its own file, under its own key.
import groups from "./en/groups.json";
import tasks from "./en/tasks.json";
import portfolio from "./en/portfolio.json";
import peer from "./en/peer.json";
import realtime from "./en/realtime.json";
import documents from "./en/documents.json";
import discussionModeration from "./en/discussion-moderation.json";
import discussions from "./en/discussions.json";
import chat from "./en/chat.json";
import notifications from "./en/notifications.json";
import brainstorm from "./en/brainstorm.json";

export const defaultNS = "translation";
export const resources = { en: { translation: { ...en, groups, tasks, portfolio, peer, realtime, documents, discussionModeration, discussions, chat, notifications, brainstorm } } } as const;

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: typeof defaultNS;
    resources: (typeof resources)["en"];
  }
}

/** Chooses the first supported browser language; English until more translations arrive. */
function pickLanguage(): string {
  const supported = Object.keys(resources);
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.split("-")[0] ?? tag;
    if (supported.includes(tag)) return tag;
    if (supported.includes(base)) return base;
  }
  return "en";
}

void i18n.use(initReactI18next).init({
  resources,
  lng: pickLanguage(),
  fallbackLng: "en",
  defaultNS,
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = i18n.language;

export default i18n;
