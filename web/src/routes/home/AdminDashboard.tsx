import { Button, Card, Group, SimpleGrid, Skeleton, Text, ThemeIcon, Title } from "@mantine/core";
import { IconBuildingCommunity, IconClipboardList, IconPlus, IconSchool, IconUpload, IconUsers } from "@tabler/icons-react";
import type { TMe } from "@stoa/contracts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useClasses } from "../../api/classes";
import { useImports } from "../../api/imports";
import { usePeople } from "../../api/people";
import { useSchools } from "../../api/schools";
import { formatDateTime } from "../../lib/format";

interface TileProps {
  to: string;
  icon: ReactNode;
  label: string;
  value: string | number | undefined;
  loading: boolean;
  failed: boolean;
}

function Tile({ to, icon, label, value, loading, failed }: TileProps) {
  const { t } = useTranslation();
  return (
    <Card component={Link} to={to} withBorder radius="md" padding="lg">
      <Group wrap="nowrap">
        <ThemeIcon size={44} radius="md" variant="light" aria-hidden>
          {icon}
        </ThemeIcon>
        <div>
          <Text fw={700} size="lg">
            {label}
          </Text>
          {loading ? <Skeleton h={18} w={60} mt={4} /> : <Text c="dimmed">{failed ? t("errors.loadFailed") : value}</Text>}
        </div>
      </Group>
    </Card>
  );
}

/** School and district admins: counts that lead to each admin area, and common actions. */
export function AdminDashboard({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const a = me.abilities;
  const schools = useSchools(a.manageSchools);
  const people = usePeople({ pageSize: 1, status: "active" }, a.managePeople);
  const classes = useClasses({ pageSize: 1, status: "active" });
  const imports = useImports(1, a.importRosters);
  const lastImport = imports.data?.items[0];

  return (
    <section aria-labelledby="home-dashboard">
      <Title order={2} id="home-dashboard" mb="md">
        {t("home.dashboard")}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
        {a.manageSchools && (
          <Tile
            to="/schools"
            icon={<IconBuildingCommunity />}
            label={t("nav.schools")}
            value={schools.data?.length}
            loading={schools.isPending}
            failed={schools.isError}
          />
        )}
        {a.managePeople && (
          <Tile
            to="/people"
            icon={<IconUsers />}
            label={t("nav.people")}
            value={t("home.activeCount", { count: people.data?.total ?? 0 })}
            loading={people.isPending}
            failed={people.isError}
          />
        )}
        <Tile
          to="/classes"
          icon={<IconSchool />}
          label={t("nav.classes")}
          value={t("home.activeCount", { count: classes.data?.total ?? 0 })}
          loading={classes.isPending}
          failed={classes.isError}
        />
        {a.importRosters && (
          <Tile
            to="/imports"
            icon={<IconUpload />}
            label={t("nav.imports")}
            value={
              lastImport
                ? t("home.lastImport", { status: t(`imports.status.${lastImport.status}`), when: formatDateTime(lastImport.startedAt) })
                : t("home.noImports")
            }
            loading={imports.isPending}
            failed={imports.isError}
          />
        )}
      </SimpleGrid>
      <Group mt="md" gap="sm">
        {a.managePeople && (
          <Button component={Link} to="/people/new" variant="light" leftSection={<IconPlus size={16} aria-hidden />}>
            {t("people.create")}
          </Button>
        )}
        {a.manageClasses && (
          <Button component={Link} to="/classes/new" variant="light" leftSection={<IconPlus size={16} aria-hidden />}>
            {t("classes.create")}
          </Button>
        )}
        {a.viewAudit && (
          <Button component={Link} to="/audit" variant="light" leftSection={<IconClipboardList size={16} aria-hidden />}>
            {t("nav.audit")}
          </Button>
        )}
      </Group>
    </section>
  );
}
