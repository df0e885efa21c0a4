import { Avatar, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { TRosterEntry } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { displayName, initials } from "../../lib/people";

function People({ entries }: { entries: TRosterEntry[] }) {
  return (
    <SimpleGrid component="ul" cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" p={0} m={0} style={{ listStyle: "none" }}>
      {entries.map((entry) => (
        <Group
          component="li"
          key={entry.userId}
          gap="sm"
          wrap="nowrap"
          p="sm"
          style={{ border: "1px solid var(--mantine-color-default-border)", borderRadius: "var(--mantine-radius-md)" }}
        >
          <Avatar radius="xl" size="md" color="indigo" aria-hidden>
            {initials(entry)}
          </Avatar>
          <Text fz="lg">{displayName(entry)}</Text>
        </Group>
      ))}
    </SimpleGrid>
  );
}

/** What a student sees: their teachers and classmates, names only, in large type. */
export function Classmates({ entries }: { entries: TRosterEntry[] }) {
  const { t } = useTranslation();
  const teachers = entries.filter((e) => e.role !== "student");
  const students = entries.filter((e) => e.role === "student");
  return (
    <Stack gap="lg">
      {teachers.length > 0 && (
        <div>
          <Title order={3} fz="h4" mb="xs">
            {t("student.teachers")}
          </Title>
          <People entries={teachers} />
        </div>
      )}
      <div>
        <Title order={3} fz="h4" mb="xs">
          {t("student.classmates", { count: students.length })}
        </Title>
        <People entries={students} />
      </div>
    </Stack>
  );
}
