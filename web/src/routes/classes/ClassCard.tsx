import { Badge, Card, Group, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconSchool, IconUsers } from "@tabler/icons-react";
import type { TClassSummary } from "@stoa/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Teacher names as one line. */
export function teacherNames(cls: TClassSummary): string {
  return cls.teachers.map((t) => t.name).join(", ");
}

/** A class as a card linking to its page; `large` for young students (bigger target, plainer words). */
export function ClassCard({ cls, large = false }: { cls: TClassSummary; large?: boolean }) {
  const { t } = useTranslation();
  const teachers = teacherNames(cls);
  return (
    <Card component={Link} to={`/classes/${cls.id}`} withBorder radius="md" padding={large ? "xl" : "lg"} mih={large ? 150 : undefined}>
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon size={large ? 52 : 36} radius="md" variant="light" aria-hidden>
            <IconSchool size={large ? 30 : 20} />
          </ThemeIcon>
          <Stack gap={2} miw={0}>
            <Text fw={700} fz={large ? 22 : "lg"} lh={1.25} style={{ overflowWrap: "anywhere" }}>
              {cls.title}
            </Text>
            {cls.course && !large && (
              <Text size="sm" c="dimmed">
                {cls.course.title}
              </Text>
            )}
          </Stack>
        </Group>
        {teachers && <Text fz={large ? "lg" : "sm"}>{t("classes.teacherLine", { names: teachers })}</Text>}
        {!large && (
          <Group gap="xs">
            <Badge variant="light" color="gray" leftSection={<IconUsers size={12} aria-hidden />} tt="none">
              {t("classes.studentCount", { count: cls.studentCount })}
            </Badge>
            {cls.status === "inactive" && (
              <Badge variant="light" color="gray" tt="none">
                {t("status.inactive")}
              </Badge>
            )}
            {cls.terms.slice(0, 2).map((term) => (
              <Badge key={term.id} variant="outline" color="gray" tt="none">
                {term.title}
              </Badge>
            ))}
          </Group>
        )}
        {large && (
          <Text fz="lg" fw={600} c="var(--mantine-primary-color-light-color)">
            {t("student.openClass")}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
