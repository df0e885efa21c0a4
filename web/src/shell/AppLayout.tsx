import { AppShell, Burger, Container, Group } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation } from "react-router";
import { useCurrentUser } from "../api/me";
import { Brand } from "./Brand";
import { LiveStatus } from "./LiveStatus";
import { Navigation } from "./Navigation";
import { PeopleSearch } from "./PeopleSearch";
import { UserMenu } from "./UserMenu";
import { NotificationBell } from "./NotificationBell";

/** The app shell: header (school, people search, account menu), navigation by area, main content. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After navigation: close the phone menu and move focus to the new page, as a full page load would.
  useEffect(() => {
    close();
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // A #fragment names a target inside the page, which the page itself focuses.
    if (!location.hash) mainRef.current?.focus();
  }, [location.pathname, location.hash, close]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t("shell.closeNavigation") : t("shell.openNavigation")}
                aria-expanded={opened}
                aria-controls="main-navigation"
              />
              <Brand me={me} />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LiveStatus />
              {me.abilities.managePeople && <PeopleSearch />}
              <NotificationBell />
              <UserMenu me={me} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar id="main-navigation" p="sm" aria-label={t("shell.navigation")} component="nav">
          <Navigation me={me} />
        </AppShell.Navbar>
        <AppShell.Main id="main" ref={mainRef} tabIndex={-1}>
          <Container size="xl" px={0}>
            <Outlet />
          </Container>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
