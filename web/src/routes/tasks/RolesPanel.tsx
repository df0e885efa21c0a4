import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TGroupSpace } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../../api/me";
import { useSpaceActions } from "../../api/tasks";
import { FormAlert } from "../../components/FormAlert";
import { useErrorMessage } from "../../components/ErrorState";

/** Members and their roles: members propose who takes which role (per phase when roles rotate); the person named accepts. */
export function RolesPanel({ space }: { space: TGroupSpace }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const actions = useSpaceActions(space.task.id, space.group.id);
  const phases = space.task.rotateRoles ? space.task.phases : [t("tasks.roles.wholeTask")];
  const [phase, setPhase] = useState("0");
  const [role, setRole] = useState<string | null>(null);
  const [person, setPerson] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const canEdit = space.viewer.canEdit;

  async function handlePropose() {
    if (!role || !person) return;
    setProblem(null);
    try {
      await actions.proposeRole.mutateAsync({ phase: Number(phase), role, userId: person });
      notifications.show({ color: "green", message: t("tasks.roles.proposed") });
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  async function handleAccept(p: number, r: string) {
    setProblem(null);
    try {
      await actions.acceptRole.mutateAsync({ phase: p, role: r });
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <Stack>
      <FormAlert message={problem} />
      <section aria-labelledby="team-members">
        <Title order={2} fz="h3" id="team-members" mb="sm">
          {t("tasks.roles.members")}
        </Title>
        <Group gap="sm">
          {space.members.map((m) => (
            <Badge key={m.id} size="lg" variant="light" tt="none">
              {m.name}
              {m.id === me.user.id ? ` ${t("tasks.roles.you")}` : ""}
            </Badge>
          ))}
        </Group>
      </section>
      {phases.map((phaseName, index) => (
        <Paper key={phaseName} withBorder p="md" radius="md" component="section" aria-label={phaseName}>
          <Title order={3} fz="h4" mb="sm">
            {space.task.rotateRoles ? t("tasks.roles.phase", { name: phaseName }) : t("tasks.roles.title")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {space.task.roles.map((r) => {
              const assignment = space.roles.find((a) => a.phase === index && a.role === r);
              return (
                <Paper key={r} withBorder p="sm" radius="md">
                  <Text fw={700} tt="capitalize">
                    {r}
                  </Text>
                  {!assignment && <Text c="dimmed">{t("tasks.roles.nobody")}</Text>}
                  {assignment && (
                    <Stack gap={4}>
                      <Text>{assignment.user.name}</Text>
                      {assignment.accepted ? (
                        <Badge color="green" variant="light">
                          {t("tasks.roles.accepted")}
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="light">
                          {t("tasks.roles.proposedBy", { name: assignment.proposedBy.name })}
                        </Badge>
                      )}
                      {canEdit && !assignment.accepted && assignment.user.id === me.user.id && (
                        <Button size="sm" onClick={() => void handleAccept(index, r)} loading={actions.acceptRole.isPending}>
                          {t("tasks.roles.accept")}
                        </Button>
                      )}
                    </Stack>
                  )}
                </Paper>
              );
            })}
          </SimpleGrid>
        </Paper>
      ))}
      {canEdit && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="propose-role">
          <Title order={3} fz="h4" id="propose-role" mb="sm">
            {t("tasks.roles.proposeTitle")}
          </Title>
          <Group align="flex-end" wrap="wrap">
            {space.task.rotateRoles && (
              <Select
                label={t("tasks.roles.phaseLabel")}
                data={phases.map((name, i) => ({ value: String(i), label: name }))}
                value={phase}
                onChange={(value) => setPhase(value ?? "0")}
                allowDeselect={false}
              />
            )}
            <Select label={t("tasks.roles.roleLabel")} data={space.task.roles} value={role} onChange={setRole} />
            <Select
              label={t("tasks.roles.personLabel")}
              data={space.members.map((m) => ({ value: m.id, label: m.name }))}
              value={person}
              onChange={setPerson}
            />
            <Button onClick={() => void handlePropose()} disabled={!role || !person} loading={actions.proposeRole.isPending}>
              {t("tasks.roles.propose")}
            </Button>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
