import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from "@mantine/core";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export interface Crumb {
  label: string;
  to?: string;
}

interface Props {
  title: string;
  /** Trail above the title, ending with the current page (which is not a link). */
  breadcrumbs?: Crumb[];
  description?: ReactNode;
  /** Buttons for the page's main actions, shown at the right (below on phones). */
  actions?: ReactNode;
}

/** Page title (also the document title), breadcrumbs and primary actions. */
export function PageHeader({ title, breadcrumbs, description, actions }: Props) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);

  return (
    <Stack gap="xs" mb="lg">
      {breadcrumbs && breadcrumbs.length > 0 && (
        <nav aria-label={t("shell.breadcrumbs")}>
          <Breadcrumbs separatorMargin={6} style={{ flexWrap: "wrap" }}>
            {breadcrumbs.map((crumb, index) =>
              crumb.to && index < breadcrumbs.length - 1 ? (
                <Anchor key={crumb.to} component={Link} to={crumb.to} size="sm">
                  {crumb.label}
                </Anchor>
              ) : (
                <Text key={crumb.label} size="sm" aria-current="page">
                  {crumb.label}
                </Text>
              ),
            )}
          </Breadcrumbs>
        </nav>
      )}
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ flex: "1 1 240px", minWidth: 0 }}>
          <Title order={1} fz={{ base: "h2", sm: "h1" }} style={{ overflowWrap: "anywhere" }}>
            {title}
          </Title>
          {description && (
            <Text c="dimmed" component="div">
              {description}
            </Text>
          )}
        </Stack>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </Stack>
  );
}
