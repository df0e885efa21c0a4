import { NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import {
  IconBook,
  IconBuildingCommunity,
  IconCalendar,
  IconClipboardList,
  IconExternalLink,
  IconHome,
  IconMessages,
  IconSchool,
  IconUpload,
  IconUser,
  IconUsers,
} from "@tabler/icons-react";
import type { TMe } from "@stoa/contracts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { canSeePeople, isAdmin, roleSet } from "../lib/people";
import { portfolioNavItems } from "../routes/portfolio/nav";

interface Item {
  to: string;
  label: string;
  icon: ReactNode;
  exact?: boolean;
}

function NavItem({ item, pathname }: { item: Item; pathname: string }) {
  const active = item.exact ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={item.icon}
      active={active}
      aria-current={active ? "page" : undefined}
      variant="light"
    />
  );
}

/** The navigation bar: areas the person works in, then administration they may do. */
export function Navigation({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const roles = roleSet(me.roles);
  const a = me.abilities;
  const seesClasses = isAdmin(me.roles) || roles.has("teacher") || roles.has("staff") || a.manageClasses;

  const main: Item[] = [{ to: "/", label: t("nav.home"), icon: <IconHome size={18} aria-hidden />, exact: true }];
  if (seesClasses) main.push({ to: "/classes", label: t("nav.classes"), icon: <IconSchool size={18} aria-hidden /> });
  main.push(...portfolioNavItems(me, t));
  if (roles.has("teacher") || roles.has("student") || isAdmin(me.roles))
    main.push({ to: "/discussions", label: t("discussions.nav"), icon: <IconMessages size={18} aria-hidden /> });

  const admin: Item[] = [];
  if (isAdmin(me.roles)) admin.push({ to: "/schools", label: t("nav.schools"), icon: <IconBuildingCommunity size={18} aria-hidden /> });
  if (canSeePeople(me)) admin.push({ to: "/people", label: t("nav.people"), icon: <IconUsers size={18} aria-hidden /> });
  if (a.manageClasses) {
    admin.push({ to: "/terms", label: t("nav.terms"), icon: <IconCalendar size={18} aria-hidden /> });
    admin.push({ to: "/courses", label: t("nav.courses"), icon: <IconBook size={18} aria-hidden /> });
  }
  if (a.importRosters) admin.push({ to: "/imports", label: t("nav.imports"), icon: <IconUpload size={18} aria-hidden /> });
  if (a.viewAudit) admin.push({ to: "/audit", label: t("nav.audit"), icon: <IconClipboardList size={18} aria-hidden /> });

  return (
    <ScrollArea type="auto" h="100%">
      <Stack gap={4}>
        {main.map((item) => (
          <NavItem key={item.to} item={item} pathname={pathname} />
        ))}
        {admin.length > 0 && (
          <>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt="md" mb={4} px="sm">
              {t("nav.administration")}
            </Text>
            {admin.map((item) => (
              <NavItem key={item.to} item={item} pathname={pathname} />
            ))}
            {isAdmin(me.roles) && (
              <NavLink
                href="/api/docs"
                target="_blank"
                rel="noopener"
                label={t("nav.apiDocs")}
                leftSection={<IconExternalLink size={18} aria-hidden />}
                description={t("nav.opensNewTab")}
              />
            )}
          </>
        )}
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt="md" mb={4} px="sm">
          {t("nav.account")}
        </Text>
        <NavItem item={{ to: "/profile", label: t("nav.profile"), icon: <IconUser size={18} aria-hidden /> }} pathname={pathname} />
      </Stack>
    </ScrollArea>
  );
}
