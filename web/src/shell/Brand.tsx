import { Box, Text, UnstyledButton } from "@mantine/core";
import type { TMe } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The school (or district, for people across schools) the person is working in. */
export function schoolLabel(me: TMe): string {
  const names = [...new Set(me.roles.map((r) => r.schoolName).filter((n): n is string => !!n))];
  return names.length === 1 && names[0] ? names[0] : me.district.name;
}

/** App name and school, linking home. */
export function Brand({ me }: { me: TMe }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton component={Link} to="/" miw={0}>
      <Box miw={0}>
        <Text fw={800} size="lg" lh={1.1} c="var(--mantine-primary-color-light-color)">
          {t("app.name")}
        </Text>
        <Text size="sm" lh={1.2} truncate="end" maw={{ base: 170, xs: 320, md: 480 }}>
          {schoolLabel(me)}
        </Text>
      </Box>
    </UnstyledButton>
  );
}
