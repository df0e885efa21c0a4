import { Button, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

const tabs = [
  { to: "/portfolio", key: "library", exact: true },
  { to: "/portfolio/pages", key: "pages" },
  { to: "/portfolio/collections", key: "collections" },
  { to: "/portfolio/templates", key: "templates" },
  { to: "/portfolio/feedback", key: "feedback" },
  { to: "/portfolio/assessments", key: "assessments" },
  { to: "/portfolio/sharing", key: "sharing" },
  { to: "/portfolio/shared", key: "shared" },
] as const;

/** The student's portfolio sections as large, labelled buttons (a navigation landmark of its own). */
export function PortfolioTabs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t("portfolio.tabs.label")}>
      <Group gap="xs" mb="lg">
        {tabs.map((tab) => {
          const active = "exact" in tab ? pathname === tab.to : pathname.startsWith(tab.to);
          return (
            <Button
              key={tab.key}
              component={Link}
              to={tab.to}
              variant={active ? "filled" : "default"}
              aria-current={active ? "page" : undefined}
              size="sm"
            >
              {t(`portfolio.tabs.${tab.key}`)}
            </Button>
          );
        })}
      </Group>
    </nav>
  );
}
