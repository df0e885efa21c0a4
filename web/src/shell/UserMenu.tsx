import { Avatar, Menu, Text, UnstyledButton, useComputedColorScheme, useMantineColorScheme } from "@mantine/core";
import { IconBell, IconKey, IconLogout, IconMoon, IconSun, IconUser } from "@tabler/icons-react";
import type { TMe } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useLogout } from "../api/me";
import { displayName, initials } from "../lib/people";

/** The person's menu: profile, change password, colour scheme, sign out. */
export function UserMenu({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme("light");
  const nextScheme = scheme === "dark" ? "light" : "dark";

  function handleSignOut() {
    logout.mutate(undefined, { onSettled: () => void navigate("/sign-in", { replace: true }) });
  }

  return (
    <Menu position="bottom-end" width={240} withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <UnstyledButton aria-label={t("shell.accountMenu")} style={{ borderRadius: "50%" }}>
          <Avatar color="indigo" radius="xl" aria-hidden>
            {initials(me.user)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={16} aria-hidden />}>
          <Text size="sm" fw={600} lh={1.2}>
            {displayName(me.user)}
          </Text>
          <Text size="xs" c="dimmed">
            {t("shell.profile")}
          </Text>
        </Menu.Item>
        <Menu.Item component={Link} to="/profile#change-password" leftSection={<IconKey size={16} aria-hidden />}>
          {t("shell.changePassword")}
        </Menu.Item>
        <Menu.Item component={Link} to="/profile/notifications" leftSection={<IconBell size={16} aria-hidden />}>
          {t("notifications.preferences")}
        </Menu.Item>
        <Menu.Item
          onClick={() => setColorScheme(nextScheme)}
          leftSection={nextScheme === "dark" ? <IconMoon size={16} aria-hidden /> : <IconSun size={16} aria-hidden />}
        >
          {nextScheme === "dark" ? t("shell.darkMode") : t("shell.lightMode")}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={handleSignOut} leftSection={<IconLogout size={16} aria-hidden />}>
          {t("shell.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
