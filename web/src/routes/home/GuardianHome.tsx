import { Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconMoodKid, IconSchool } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useChildren } from "../../api/children";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { ListSkeleton } from "../../components/ListSkeleton";
import { displayName } from "../../lib/people";
import { teacherNames } from "../classes/ClassCard";

/** A guardian's children and each child's classes. */
export function GuardianHome() {
  const { t } = useTranslation();
  const children = useChildren();

  function body() {
    if (children.isPending) return <ListSkeleton rows={2} cards />;
    if (children.isError) return <ErrorState error={children.error} onRetry={() => void children.refetch()} />;
    if (children.data.length === 0) {
      return (
        <EmptyState icon={<IconMoodKid aria-hidden />} title={t("guardian.noChildrenTitle")} description={t("guardian.noChildrenText")} />
      );
    }
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {children.data.map((child) => (
          <Card key={child.id} withBorder radius="md" padding="lg" component="article" aria-labelledby={`child-${child.id}`}>
            <Group wrap="nowrap" mb="sm">
              <ThemeIcon size={40} radius="xl" variant="light" aria-hidden>
                <IconMoodKid />
              </ThemeIcon>
              <div>
                <Title order={3} id={`child-${child.id}`} fz="lg">
                  {displayName(child)}
                </Title>
                {child.grades.length > 0 && (
                  <Text size="sm" c="dimmed">
                    {t("guardian.grades", { grades: child.grades.join(", ") })}
                  </Text>
                )}
              </div>
            </Group>
            {child.classes.length === 0 ? (
              <Text size="sm">{t("guardian.noClasses")}</Text>
            ) : (
              <List spacing="xs" icon={<IconSchool size={16} aria-hidden />} center>
                {child.classes.map((cls) => (
                  <List.Item key={cls.id}>
                    <Stack gap={0}>
                      <Text fw={600}>{cls.title}</Text>
                      {cls.teachers.length > 0 && (
                        <Text size="sm" c="dimmed">
                          {t("classes.teacherLine", { names: teacherNames(cls) })}
                        </Text>
                      )}
                    </Stack>
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        ))}
      </SimpleGrid>
    );
  }

  return (
    <section aria-labelledby="home-children">
      <Title order={2} id="home-children" mb="md">
        {t("guardian.yourChildren")}
      </Title>
      {body()}
    </section>
  );
}
