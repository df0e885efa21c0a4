import type { TImportCounts } from "@stoa/contracts";
import type { DbOrTx } from "../../db/client.js";
import { applyDemographics, applyGuardianLinks, applyRoles } from "./apply-people.js";
import { RowDiff, zeroCounts, type DesiredRow, type DiffResult } from "./diff.js";
import { takeOverMemberships } from "./memberships.js";
import type { FileKind, RecordStatus, ValidBundle } from "./model.js";
import * as repo from "./oneroster.repository.js";

/** The district being imported into. */
export interface DistrictRef {
  id: string;
  sourcedId: string | null;
}

/** How references resolve while applying: record key -> row id, per kind. */
export interface Resolver {
  districtKeys: Set<string>;
  schools: Map<string, string>;
  terms: Map<string, string>;
  courses: Map<string, string>;
  classes: Map<string, string>;
  users: Map<string, string>;
}

const present = (bundle: ValidBundle, kind: FileKind) => bundle.modes[kind] !== undefined;

/**
 * Applies a validated bundle inside the caller's transaction, file by file in dependency order,
 * and returns created / updated / deactivated / unchanged per kind. Each kind streams the stored
 * rows past an in-memory diff, then writes what changed in batched multi-row statements.
 */
export async function applyBundle(tx: DbOrTx, district: DistrictRef, bundle: ValidBundle): Promise<Record<string, TImportCounts>> {
  const counts: Record<string, TImportCounts> = {};
  // Rosters are refreshed once for the whole district at the end, not once per batch written.
  await repo.deferRosterRefresh(tx);
  const districtKeys = new Set([district.sourcedId ?? district.id]);
  if (present(bundle, "orgs")) counts.orgs = await applyDistrictOrg(tx, district, bundle, districtKeys);
  const r: Resolver = { districtKeys, schools: new Map(), terms: new Map(), courses: new Map(), classes: new Map(), users: new Map() };
  const schoolOf = (key: string) => (districtKeys.has(key) ? null : (r.schools.get(key) ?? null));
  const step = async <R extends Base, V extends object>(kind: FileKind, table: Table, records: R[], project: (record: R) => V) => {
    const result = await applyKind(tx, district.id, bundle, kind, table, records, project);
    if (present(bundle, kind)) counts[kind] = counts[kind] ? add(counts[kind], result.counts) : result.counts;
    return result.ids;
  };

  const orgs = bundle.orgs.filter((o) => o.type !== "district");
  r.schools = await step("orgs", repo.managed.schools, orgs, (o) => ({
    name: o.name,
    identifier: o.identifier,
    orgType: o.type,
    parentSourcedId: o.parentSourcedId,
    metadata: o.metadata,
  }));
  r.terms = await step("academicSessions", repo.managed.terms, bundle.terms, (t) => ({
    title: t.title,
    type: t.type,
    startDate: t.startDate,
    endDate: t.endDate,
    parentSourcedId: t.parentSourcedId,
    schoolYear: t.schoolYear,
  }));
  r.courses = await step("courses", repo.managed.courses, bundle.courses, (c) => ({
    schoolId: schoolOf(c.orgSourcedId),
    title: c.title,
    courseCode: c.courseCode,
    grades: c.grades,
    subjects: c.subjects,
    schoolYearSourcedId: c.schoolYearSourcedId,
    metadata: c.metadata,
  }));
  r.classes = await step("classes", repo.managed.classes, bundle.classes, (c) => ({
    schoolId: r.schools.get(c.schoolSourcedId) as string,
    courseId: c.courseSourcedId === null ? null : (r.courses.get(c.courseSourcedId) ?? null),
    termIds: c.termSourcedIds.map((t) => r.terms.get(t) as string),
    title: c.title,
    classCode: c.classCode,
    classType: c.classType,
    location: c.location,
    grades: c.grades,
    subjects: c.subjects,
    subjectCodes: c.subjectCodes,
    periods: c.periods,
    metadata: c.metadata,
  }));
  r.users = await step("users", repo.managed.users, bundle.users, (u) => ({
    username: u.username,
    email: u.email,
    givenName: u.givenName,
    familyName: u.familyName,
    middleName: u.middleName,
    preferredName: u.preferredName,
    identifier: u.identifier,
    grades: u.grades,
    metadata: u.metadata,
  }));

  if (bundle.roleScope) counts.roles = await applyRoles(tx, district.id, bundle, r);
  if (present(bundle, "users") && bundle.agentsListed) counts.guardianLinks = await applyGuardianLinks(tx, district.id, bundle, r);
  if (present(bundle, "enrollments")) counts.enrollments = await applyEnrolments(tx, district.id, bundle, r);
  if (present(bundle, "demographics")) counts.demographics = await applyDemographics(tx, district.id, bundle, r);
  await repo.refreshDistrictRosters(tx, district.id);
  return counts;
}

/** The org of type district is the Stoa district itself: it only records the district's sourcedId. */
async function applyDistrictOrg(tx: DbOrTx, district: DistrictRef, bundle: ValidBundle, districtKeys: Set<string>): Promise<TImportCounts> {
  const counts = zeroCounts();
  const org = bundle.orgs.find((o) => o.type === "district");
  if (!org) return counts;
  districtKeys.add(org.sourcedId);
  if (district.sourcedId === null && org.sourcedId !== district.id) {
    await repo.setDistrictSourcedId(tx, district.id, org.sourcedId);
    counts.updated += 1;
  } else counts.unchanged += 1;
  return counts;
}

type Base = { sourcedId: string; status: RecordStatus };
type Table = (typeof repo.managed)[keyof typeof repo.managed];

/**
 * One kind: stream the stored rows past the diff, write the changes, deactivate what a bulk file
 * dropped. With the file absent it only reads the stored keys, so later files can still resolve
 * references to them.
 */
async function applyKind<R extends Base, V extends object>(
  tx: DbOrTx,
  districtId: string,
  bundle: ValidBundle,
  kind: FileKind,
  table: Table,
  records: R[],
  project: (record: R) => V,
): Promise<DiffResult<V>> {
  if (!present(bundle, kind)) return { writes: [], deactivate: [], counts: zeroCounts(), ids: await repo.storedIds(tx, table, districtId) };
  const desired: DesiredRow<V>[] = records.map((record) => ({
    sourcedId: record.sourcedId,
    status: record.status,
    values: project(record),
  }));
  const diff = new RowDiff(desired, bundle.modes[kind] === "bulk");
  // The stored row itself serves as its values: only the fields the bundle sets are compared.
  await repo.eachStored(tx, table, districtId, (rows) => {
    for (const row of rows) diff.visit({ id: row.id, sourcedId: row.sourcedId, status: row.status, values: row as unknown as V });
  });
  const result = diff.finish();
  await write(tx, districtId, table, result);
  return result;
}

const writeSlice = 5000;

/**
 * Writes a diff: updates by id, then inserts (their ids come from the database and are added to
 * result.ids), then deactivations. Row objects are built a slice at a time so 150,000 of them
 * never exist at once; Object.assign, not {...values, id}: see records.ts on V8 and spreads.
 */
async function write<V extends object>(
  tx: DbOrTx,
  districtId: string,
  { table }: Table,
  result: DiffResult<V>,
  keepIds = true,
): Promise<void> {
  const first = result.writes[0];
  const keys = first ? Object.keys(first.values) : [];
  const updates = result.writes.filter((w) => w.id !== null);
  const inserts = result.writes.filter((w) => w.id === null);
  const update = { target: "id", update: [...keys, "sourcedId", "status"] };
  for (let i = 0; i < updates.length; i += writeSlice) {
    const rows = updates
      .slice(i, i + writeSlice)
      .map((w) => Object.assign({ id: w.id, districtId, sourcedId: w.sourcedId, status: w.status }, w.values));
    await repo.writeRows(tx, table, rows, ["id", "districtId", "sourcedId", "status", ...keys], update);
  }
  for (let i = 0; i < inserts.length; i += writeSlice) {
    const rows = inserts
      .slice(i, i + writeSlice)
      .map((w) => Object.assign({ districtId, sourcedId: w.sourcedId, status: w.status }, w.values));
    const created = await repo.writeRows(tx, table, rows, ["districtId", "sourcedId", "status", ...keys], "none", keepIds);
    for (const row of created) result.ids.set(row.sourcedId, row.id);
  }
  await repo.deactivateRows(tx, table, result.deactivate);
}

interface EnrolmentValues {
  classId: string;
  userId: string;
  role: string;
  primary: boolean;
  beginDate: string | null;
  endDate: string | null;
}

async function applyEnrolments(tx: DbOrTx, districtId: string, bundle: ValidBundle, r: Resolver): Promise<TImportCounts> {
  const desired = bundle.enrolments.map((e) => ({
    sourcedId: e.sourcedId,
    status: e.status,
    values: {
      classId: r.classes.get(e.classSourcedId) as string,
      userId: r.users.get(e.userSourcedId) as string,
      role: e.role as string,
      primary: e.primary,
      beginDate: e.beginDate,
      endDate: e.endDate,
    } satisfies EnrolmentValues,
  }));
  // Nothing refers to enrolments, so their key -> id map is not kept (150,000 entries saved).
  const diff = new RowDiff<EnrolmentValues>(desired, bundle.modes.enrollments === "bulk", false);
  await repo.eachStored(tx, repo.managed.enrolments, districtId, (rows) => {
    for (const row of rows) diff.visit({ id: row.id, sourcedId: row.sourcedId, status: row.status, values: row });
  });
  await takeOverMemberships(diff, async (members) =>
    (await repo.enrolmentsHolding(tx, districtId, members)).map((row) => ({
      id: row.id,
      sourcedId: row.sourcedId,
      status: row.status,
      values: row,
    })),
  );
  const result = diff.finish();
  await write(tx, districtId, repo.managed.enrolments, result, false);
  return result.counts;
}

function add(into: TImportCounts, more: TImportCounts): TImportCounts {
  into.created += more.created;
  into.updated += more.updated;
  into.deactivated += more.deactivated;
  into.unchanged += more.unchanged;
  return into;
}
