import { Anchor, Button, Group, List, Paper, SimpleGrid, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconLink } from "@tabler/icons-react";
import type { TPersonDetail } from "@stoa/contracts";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLinkChild } from "../../api/people";
import { useErrorMessage } from "../../components/ErrorState";
import { FormAlert } from "../../components/FormAlert";
import { PersonPicker } from "../../components/PersonPicker";
import { displayName } from "../../lib/people";

type Relative = TPersonDetail["guardians"][number];

function Relatives({ people, empty }: { people: Relative[]; empty: string }) {
  if (people.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <List spacing="xs">
      {people.map((p) => (
        <List.Item key={p.id}>
          <Anchor component={Link} to={`/people/${p.id}`}>
            {displayName(p)}
          </Anchor>
        </List.Item>
      ))}
    </List>
  );
}

/** Guardians and children of a person, and linking a child to a guardian. */
export function PersonFamily({ person, canLink }: { person: TPersonDetail; canLink: boolean }) {
  const { t } = useTranslation();
  const link = useLinkChild(person.id);
  const message = useErrorMessage();
  const [studentId, setStudentId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const isGuardian = person.roles.some((r) => r.role === "guardian") || person.children.length > 0;
  const isStudent = person.roles.some((r) => r.role === "student") || person.guardians.length > 0;
  if (!isGuardian && !isStudent) return null;

  function handleLink(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    if (!studentId) {
      setProblem(t("people.chooseChild"));
      return;
    }
    link.mutate(studentId, {
      onSuccess: () => {
        setStudentId(null);
        notifications.show({ color: "green", message: t("people.childLinked") });
      },
      onError: (error) => setProblem(message(error)),
    });
  }

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="person-family">
      <Title order={2} id="person-family" fz="h3" mb="md">
        {t("people.family")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {isStudent && (
          <div>
            <Title order={3} fz="h5" mb="xs">
              {t("people.guardians")}
            </Title>
            <Relatives people={person.guardians} empty={t("people.noGuardians")} />
          </div>
        )}
        {isGuardian && (
          <div>
            <Title order={3} fz="h5" mb="xs">
              {t("people.children")}
            </Title>
            <Relatives people={person.children} empty={t("people.noChildren")} />
          </div>
        )}
      </SimpleGrid>
      {canLink && (
        <form onSubmit={handleLink} noValidate aria-label={t("people.linkChild")}>
          <FormAlert message={problem} />
          <Group align="flex-end" gap="sm" mt="md">
            <div style={{ flex: "1 1 260px" }}>
              <PersonPicker label={t("people.childToLink")} role="student" value={studentId} onChange={setStudentId} />
            </div>
            <Button type="submit" loading={link.isPending} leftSection={<IconLink size={16} aria-hidden />}>
              {t("people.linkChild")}
            </Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}
