import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TRosterEntry } from "@stoa/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useEnrol, useUnenrol } from "../../api/classes";
import { useCurrentUser } from "../../api/me";
import { StatusBadge } from "../../components/Badges";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Pager, pageOf } from "../../components/Pager";
import { ResetPasswordModal } from "../../components/ResetPasswordModal";
import { canSeePeople, displayName } from "../../lib/people";

interface Props {
  classId: string;
  entries: TRosterEntry[];
  canEnrol: boolean;
  canResetPasswords: boolean;
}

const pageSize = 50;
// Teachers first, then students; people no longer enrolled last.
const order = (e: TRosterEntry) => (e.status === "inactive" ? 2 : e.role === "student" ? 1 : 0);

/** The full roster for teachers, staff and admins, with reset-password and remove actions where allowed. */
export function RosterTable({ classId, entries, canEnrol, canResetPasswords }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const unenrol = useUnenrol(classId);
  const enrol = useEnrol(classId);
  const [page, setPage] = useState(1);
  const [resetFor, setResetFor] = useState<{ id: string; name: string } | null>(null);
  const linkPeople = canSeePeople(me);
  const sorted = [...entries].sort(
    (a, b) => order(a) - order(b) || a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName),
  );
  const rows = pageOf(sorted, page, pageSize);

  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("roster.name")}</Table.Th>
              <Table.Th scope="col">{t("roster.username")}</Table.Th>
              <Table.Th scope="col">{t("roster.grades")}</Table.Th>
              <Table.Th scope="col">{t("roster.role")}</Table.Th>
              <Table.Th scope="col">{t("common.status")}</Table.Th>
              <Table.Th scope="col">{t("common.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((entry) => {
              const name = displayName(entry);
              const active = entry.status === "active";
              const canReset = canResetPasswords && active && entry.role === "student";
              return (
                <Table.Tr key={entry.userId}>
                  <Table.Th scope="row" fw={600}>
                    {linkPeople ? (
                      <Anchor component={Link} to={`/people/${entry.userId}`}>
                        {name}
                      </Anchor>
                    ) : (
                      name
                    )}
                  </Table.Th>
                  <Table.Td>{entry.username ?? "—"}</Table.Td>
                  <Table.Td>{entry.grades?.join(", ") || "—"}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={entry.role === "student" ? "gray" : "indigo"} tt="none">
                      {t(`enrolmentRoles.${entry.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={entry.status} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {canReset && (
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setResetFor({ id: entry.userId, name })}
                          aria-label={t("roster.resetPasswordFor", { name })}
                        >
                          {t("roster.resetPassword")}
                        </Button>
                      )}
                      {canEnrol && !active && (
                        <Button
                          size="xs"
                          variant="subtle"
                          loading={enrol.isPending && enrol.variables?.userId === entry.userId}
                          onClick={() => enrol.mutate({ userId: entry.userId, role: entry.role })}
                          aria-label={t("roster.enrolAgainName", { name })}
                        >
                          {t("roster.enrolAgain")}
                        </Button>
                      )}
                      {canEnrol && active && (
                        <ConfirmButton
                          label={t("roster.remove")}
                          ariaLabel={t("roster.removeName", { name })}
                          title={t("roster.removeTitle", { name })}
                          message={t("roster.removeText", { name })}
                          onConfirm={async () => {
                            await unenrol.mutateAsync(entry.userId);
                            notifications.show({ color: "green", message: t("roster.removed", { name }) });
                          }}
                        />
                      )}
                      {!canEnrol && !canReset && (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager page={page} pageSize={pageSize} total={entries.length} onChange={setPage} />
      <ResetPasswordModal person={resetFor} onClose={() => setResetFor(null)} />
    </>
  );
}
