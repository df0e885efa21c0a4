import type { TImportCounts } from "@stoa/contracts";
import type { DbOrTx } from "../../db/client.js";
import { roleAssignments } from "../../db/schema/index.js";
import type { Resolver } from "./apply.js";
import { sameValues, zeroCounts } from "./diff.js";
import type { StaffKind, ValidBundle } from "./model.js";
import * as repo from "./oneroster.repository.js";
import { toStoaRole } from "./roles.js";

interface WantedRole {
  userId: string;
  role: (typeof roleAssignments.$inferSelect)["role"];
  schoolId: string | null;
  staffKind: StaffKind | null;
  sourcedId: string;
}

const roleKey = (r: { userId: string; role: string; schoolId: string | null }) => `${r.userId}\n${r.role}\n${r.schoolId ?? ""}`;

/**
 * Role assignments, keyed like Stoa's unique index (person, role, school). Assignments an import
 * made (sourcedId set) that the bundle no longer states are removed — they are access grants, and
 * role_assignments has no status column to deactivate — but only within what the bundle restates:
 * every imported role (bulk roles.csv), the people in users.csv (1.1), or the rows marked
 * tobedeleted (delta roles.csv). Grants made in Stoa are never removed.
 */
export async function applyRoles(tx: DbOrTx, districtId: string, bundle: ValidBundle, r: Resolver): Promise<TImportCounts> {
  const counts = zeroCounts();
  const scope = bundle.roleScope;
  if (!scope) return counts;
  const wanted = new Map<string, WantedRole>();
  const withdrawn = new Set<string>();
  for (const record of bundle.roles) {
    const atDistrictOrg = r.districtKeys.has(record.orgSourcedId);
    const mapped = toStoaRole(record.role, atDistrictOrg, record.staffKind);
    const userId = r.users.get(record.userSourcedId) as string;
    const schoolId = mapped.districtWide ? null : (r.schools.get(record.orgSourcedId) ?? null);
    const role: WantedRole = { userId, role: mapped.role, schoolId, staffKind: mapped.staffKind, sourcedId: record.sourcedId };
    const key = roleKey(role);
    if (record.status === "inactive") {
      withdrawn.add(key);
      continue;
    }
    // Two OneRoster roles can land on one Stoa role (principal and administrator): keep the smaller key, so re-imports agree.
    const held = wanted.get(key);
    if (!held || record.sourcedId < held.sourcedId) wanted.set(key, role);
  }
  const stored = await repo.existingRoles(tx, districtId);
  const restatedUsers = scope.kind === "users" ? new Set([...scope.userSourcedIds].map((s) => r.users.get(s))) : null;
  const writes: (typeof roleAssignments.$inferInsert)[] = [];
  const inserts: Omit<WantedRole, "sourcedId">[] = [];
  const removals: string[] = [];
  const storedKeys = new Set<string>();
  for (const row of stored) {
    const key = roleKey(row);
    storedKeys.add(key);
    const want = wanted.get(key);
    if (want) {
      // A grant made in Stoa, exported with its id as sourcedId, re-imports onto itself unchanged.
      const sourcedId = row.sourcedId === null && want.sourcedId === row.id ? null : want.sourcedId;
      if (row.sourcedId === sourcedId && row.staffKind === want.staffKind) counts.unchanged += 1;
      else {
        writes.push(Object.assign({}, row, { districtId, sourcedId, staffKind: want.staffKind }));
        counts.updated += 1;
      }
      continue;
    }
    if (row.sourcedId === null) continue;
    const inScope =
      scope.kind === "all" || (scope.kind === "users" && restatedUsers?.has(row.userId)) || (scope.kind === "rows" && withdrawn.has(key));
    if (inScope) {
      removals.push(row.id);
      counts.deactivated += 1;
    }
  }
  for (const [key, want] of wanted) {
    if (storedKeys.has(key)) continue;
    inserts.push(Object.assign({ districtId }, want));
    counts.created += 1;
  }
  await repo.deleteRoleAssignments(tx, removals);
  await repo.writeRows(tx, roleAssignments, writes, ["id", "districtId", "userId", "role", "schoolId", "staffKind", "sourcedId"], {
    target: "id",
    update: ["sourcedId", "staffKind"],
  });
  await repo.writeRows(tx, roleAssignments, inserts, ["districtId", "userId", "role", "schoolId", "staffKind", "sourcedId"], "none");
  return counts;
}

/**
 * Guardian links from agentSourcedIds: a pair becomes a link when one person is a guardian and
 * the other a student (the file may list the agent on either side). Links between imported people
 * that a restated person no longer lists are removed, so a guardian does not keep seeing a child
 * the SIS no longer gives them; links involving people made in Stoa are left alone.
 */
export async function applyGuardianLinks(tx: DbOrTx, districtId: string, bundle: ValidBundle, r: Resolver): Promise<TImportCounts> {
  const counts = zeroCounts();
  const roles = await repo.guardianAndStudentRoles(tx, districtId);
  const guardians = new Set(roles.filter((x) => x.role === "guardian").map((x) => x.userId));
  const students = new Set(roles.filter((x) => x.role === "student").map((x) => x.userId));
  const wanted = new Map<string, { guardianId: string; studentId: string }>();
  const restated = new Set<string>();
  const pair = (guardianId: string, studentId: string) => {
    if (guardianId !== studentId && guardians.has(guardianId) && students.has(studentId))
      wanted.set(`${guardianId}\n${studentId}`, { guardianId, studentId });
  };
  for (const user of bundle.users) {
    const userId = r.users.get(user.sourcedId) as string;
    restated.add(userId);
    for (const agent of user.agentSourcedIds) {
      const agentId = r.users.get(agent) as string;
      pair(userId, agentId);
      pair(agentId, userId);
    }
  }
  const stored = await repo.existingGuardianLinks(tx, districtId);
  const removals: { guardianId: string; studentId: string }[] = [];
  for (const link of stored) {
    const key = `${link.guardianId}\n${link.studentId}`;
    if (wanted.delete(key)) counts.unchanged += 1;
    else if (link.imported && (restated.has(link.guardianId) || restated.has(link.studentId))) {
      removals.push(link);
      counts.deactivated += 1;
    }
  }
  counts.created = wanted.size;
  await repo.deleteGuardianLinks(tx, removals);
  await repo.insertGuardianLinks(tx, districtId, [...wanted.values()]);
  return counts;
}

/**
 * Demographics (only reached when the district turned their import on). Sensitive data the SIS
 * withdraws — tobedeleted, or missing from a bulk file — is removed rather than kept inactive.
 */
export async function applyDemographics(tx: DbOrTx, districtId: string, bundle: ValidBundle, r: Resolver): Promise<TImportCounts> {
  const counts = zeroCounts();
  const stored = new Map((await repo.existingDemographics(tx, districtId)).map((row) => [row.userId, row]));
  const writes: {
    userId: string;
    districtId: string;
    birthDate: string | null;
    sex: string | null;
    data: Record<string, string>;
    sourcedId: string;
  }[] = [];
  const removals: string[] = [];
  const listed = new Set<string>();
  for (const record of bundle.demographics) {
    const userId = r.users.get(record.sourcedId) as string;
    listed.add(userId);
    const have = stored.get(userId);
    if (record.status === "inactive") {
      if (have) {
        removals.push(userId);
        counts.deactivated += 1;
      }
      continue;
    }
    const want = { birthDate: record.birthDate, sex: record.sex, data: record.data, sourcedId: record.sourcedId };
    if (have && sameValues({ birthDate: have.birthDate, sex: have.sex, data: have.data, sourcedId: have.sourcedId }, want)) {
      counts.unchanged += 1;
      continue;
    }
    writes.push({ userId, districtId, ...want });
    if (have) counts.updated += 1;
    else counts.created += 1;
  }
  if (bundle.modes.demographics === "bulk") {
    for (const [userId, row] of stored) {
      if (row.sourcedId === null || listed.has(userId)) continue;
      removals.push(userId);
      counts.deactivated += 1;
    }
  }
  await repo.deleteDemographics(tx, removals);
  await repo.upsertDemographics(tx, writes);
  return counts;
}
