import { and, eq, getTableColumns, getTableName, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { queryRows, type DbOrTx } from "../../db/client.js";
import {
  classes,
  courses,
  demographics,
  districts,
  enrolments,
  guardianLinks,
  roleAssignments,
  schools,
  terms,
  users,
} from "../../db/schema/index.js";
import type { DistrictSnapshot, NameOwner } from "./model.js";

/** A district as the importer needs it. */
export type DistrictRow = Pick<typeof districts.$inferSelect, "id" | "name" | "sourcedId" | "importDemographics">;

/** The district, or null when it does not exist. */
export async function findDistrict(db: DbOrTx, districtId: string): Promise<DistrictRow | null> {
  const [row] = await db
    .select({ id: districts.id, name: districts.name, sourcedId: districts.sourcedId, importDemographics: districts.importDemographics })
    .from(districts)
    .where(eq(districts.id, districtId));
  return row ?? null;
}

/** Every district (the command line picks one by sourcedId or name). */
export function listDistricts(db: DbOrTx): Promise<DistrictRow[]> {
  return db
    .select({ id: districts.id, name: districts.name, sourcedId: districts.sourcedId, importDemographics: districts.importDemographics })
    .from(districts);
}

/** Serialises imports of one district: a second import waits for the first to commit. */
export async function lockDistrictImports(tx: DbOrTx, districtId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`oneroster:${districtId}`}))`);
}

const keyOf = (table: { id: PgColumn; sourcedId: PgColumn }) => sql<string>`coalesce(${table.sourcedId}, ${table.id}::text)`;

async function keys(
  db: DbOrTx,
  table: PgTable & { id: PgColumn; sourcedId: PgColumn; districtId: PgColumn },
  districtId: string,
): Promise<Set<string>> {
  const rows = await db
    .select({ key: keyOf(table) })
    .from(table as PgTable)
    .where(eq(table.districtId, districtId));
  return new Set(rows.map((r) => r.key));
}

/** One text parameter carrying a whole list: the list can be longer than the parameter limit. */
const jsonList = (values: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

async function owners(db: DbOrTx, column: SQL, values: string[]): Promise<Map<string, NameOwner>> {
  if (values.length === 0) return new Map();
  const rows = await db
    .select({ name: sql<string>`lower(${column})`, districtId: users.districtId, key: keyOf(users) })
    .from(users)
    .where(sql`lower(${column}) in ${jsonList(values)}`);
  return new Map(rows.map((r) => [r.name, { districtId: r.districtId, key: r.key }]));
}

/** What validation checks references and names against: keys of every stored record of the district. */
export async function loadSnapshot(
  db: DbOrTx,
  district: DistrictRow,
  names: { usernames: string[]; emails: string[] },
): Promise<DistrictSnapshot> {
  return {
    districtId: district.id,
    districtSourcedId: district.sourcedId,
    districtKey: district.sourcedId ?? district.id,
    importDemographics: district.importDemographics,
    schools: await keys(db, schools, district.id),
    terms: await keys(db, terms, district.id),
    courses: await keys(db, courses, district.id),
    classes: await keys(db, classes, district.id),
    users: await keys(db, users, district.id),
    usernames: await owners(db, sql`${users.username}`, names.usernames),
    emails: await owners(db, sql`${users.email}`, names.emails),
  };
}

/** Records the district's own OneRoster sourcedId (from the bundle's org of type district). */
export async function setDistrictSourcedId(tx: DbOrTx, districtId: string, sourcedId: string): Promise<void> {
  await tx.update(districts).set({ sourcedId }).where(eq(districts.id, districtId));
}

const schoolColumns = pick(schools, ["id", "sourcedId", "status", "name", "identifier", "orgType", "parentSourcedId", "metadata"]);
const termColumns = pick(terms, ["id", "sourcedId", "status", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"]);
const courseColumns = pick(courses, [
  "id",
  "sourcedId",
  "status",
  "schoolId",
  "title",
  "courseCode",
  "grades",
  "subjects",
  "schoolYearSourcedId",
  "metadata",
]);
// prettier-ignore
const classColumns = pick(classes, ["id", "sourcedId", "status", "schoolId", "courseId", "termIds", "title", "classCode", "classType", "location", "grades", "subjects", "subjectCodes", "periods", "metadata"]);
// Never the password hash: nothing an import or export does needs it.
const userColumns = pick(users, [
  "id",
  "sourcedId",
  "status",
  "username",
  "email",
  "givenName",
  "familyName",
  "middleName",
  "preferredName",
  "identifier",
  "grades",
  "metadata",
]);
/** The role assignment columns imports and exports read. */
export const roleColumns = pick(roleAssignments, ["id", "userId", "role", "schoolId", "staffKind", "sourcedId"]);
const enrolmentColumns = pick(enrolments, ["id", "sourcedId", "status", "classId", "userId", "role", "primary", "beginDate", "endDate"]);

function pick<T extends PgTable, K extends keyof T["_"]["columns"] & string>(table: T, keys: readonly K[]): Pick<T["_"]["columns"], K> {
  const all = getTableColumns(table) as T["_"]["columns"];
  const picked = {} as Pick<T["_"]["columns"], K>;
  for (const key of keys) picked[key] = all[key];
  return picked;
}

type Columns = Record<string, PgColumn>;
/** A row of `columns`, typed as drizzle would type it. */
type RowOf<C extends Columns> = { [K in keyof C]: C[K]["_"]["notNull"] extends true ? C[K]["_"]["data"] : C[K]["_"]["data"] | null };

/**
 * Loads a district's rows with a plain query, without drizzle's row mapping: re-imports load every
 * stored row (150,000 enrolments), and the mapping doubled the memory churn of that. Dates are read
 * as text (as drizzle's string mode does); arrays and jsonb are parsed by the driver.
 */
async function selectRows<C extends Columns>(tx: DbOrTx, table: PgTable, columns: C, where: SQL): Promise<RowOf<C>[]> {
  const result = (await tx.execute(sql`select ${sql.raw(selectList(columns))} from ${table} where ${where}`)) as unknown as {
    rows: RowOf<C>[];
  };
  return result.rows;
}

function selectList(columns: Columns, alias?: string): string {
  const prefix = alias ? `${alias}.` : "";
  return Object.entries(columns)
    .map(([prop, column]) => `${prefix}"${column.name}"${column.getSQLType() === "date" ? "::text" : ""} as "${prop}"`)
    .join(", ");
}

/** Rows per cursor fetch when streaming a district's stored rows. */
const pageSize = 10_000;

/**
 * Streams a district's rows page by page through a cursor (inside the caller's transaction), so
 * a re-import compares 150,000 stored enrolments without holding them all.
 */
async function eachPage<C extends Columns>(
  tx: DbOrTx,
  table: PgTable,
  columns: C,
  where: SQL,
  visit: (rows: RowOf<C>[]) => void,
): Promise<void> {
  const cursor = `oneroster_${getTableName(table)}`;
  await tx.execute(
    sql`declare ${sql.raw(cursor)} no scroll cursor for select ${sql.raw(selectList(columns))} from ${table} where ${where}`,
  );
  for (;;) {
    const page = await queryRows<RowOf<C>>(tx, sql.raw(`fetch forward ${pageSize} from ${cursor}`));
    if (page.length === 0) break;
    visit(page);
  }
  // Only closed on success: after an error the transaction is rolled back, which closes it.
  await tx.execute(sql.raw(`close ${cursor}`));
}

/** The tables an import diffs row by row, with the columns it manages. */
export const managed = {
  schools: { table: schools, columns: schoolColumns },
  terms: { table: terms, columns: termColumns },
  courses: { table: courses, columns: courseColumns },
  classes: { table: classes, columns: classColumns },
  users: { table: users, columns: userColumns },
  enrolments: { table: enrolments, columns: enrolmentColumns },
} as const;
type Managed = (typeof managed)[keyof typeof managed];
/** A stored row of one of the managed tables. */
export type StoredRow<M extends Managed> = RowOf<M["columns"]>;

/** Streams the district's stored rows of a managed table to `visit`, a page at a time. */
export function eachStored<M extends Managed>(
  tx: DbOrTx,
  kind: M,
  districtId: string,
  visit: (rows: StoredRow<M>[]) => void,
): Promise<void> {
  return eachPage(
    tx,
    kind.table,
    kind.columns as M["columns"],
    sql`district_id = ${districtId}`,
    visit as (rows: RowOf<M["columns"]>[]) => void,
  );
}

/** Key (sourcedId, or id for rows made in Stoa) -> id of the district's rows of a managed table. */
export async function storedIds(tx: DbOrTx, kind: Managed, districtId: string): Promise<Map<string, string>> {
  const { table } = kind;
  const rows = await queryRows<{ id: string; key: string }>(
    tx,
    sql`select id, coalesce(sourced_id, id::text) as key from ${table} where district_id = ${districtId}`,
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}

/** Stored enrolments holding any of these memberships (class, person, role). */
export async function enrolmentsHolding(
  tx: DbOrTx,
  districtId: string,
  members: readonly { classId: string; userId: string; role: string }[],
) {
  const found: RowOf<typeof enrolmentColumns>[] = [];
  for (let i = 0; i < members.length; i += jsonBatch) {
    const json = JSON.stringify(members.slice(i, i + jsonBatch));
    const rows = await queryRows<RowOf<typeof enrolmentColumns>>(
      tx,
      sql`select ${sql.raw(selectList(enrolmentColumns, "e"))} from ${enrolments} e
      join jsonb_to_recordset(${json}::jsonb) as m("classId" uuid, "userId" uuid, role text) on e.class_id = m."classId" and e.user_id = m."userId" and e.role = m.role
      where e.district_id = ${districtId}`,
    );
    for (const row of rows) found.push(row);
  }
  return found;
}

/** Stored role assignments of the district. */
export const existingRoles = (tx: DbOrTx, districtId: string) =>
  selectRows(tx, roleAssignments, roleColumns, eq(roleAssignments.districtId, districtId));

/** Stored demographics of the district. */
export function existingDemographics(tx: DbOrTx, districtId: string) {
  const { userId, sourcedId, birthDate, sex, data } = getTableColumns(demographics);
  return tx.select({ userId, sourcedId, birthDate, sex, data }).from(demographics).where(eq(demographics.districtId, districtId));
}

/** Guardian links of the district, with whether both people came from an import. */
export function existingGuardianLinks(tx: DbOrTx, districtId: string) {
  return tx
    .select({
      guardianId: guardianLinks.guardianId,
      studentId: guardianLinks.studentId,
      imported: sql<boolean>`exists (select 1 from ${users} g, ${users} s where g.id = ${guardianLinks.guardianId} and s.id = ${guardianLinks.studentId}
        and g.sourced_id is not null and s.sourced_id is not null)`,
    })
    .from(guardianLinks)
    .where(eq(guardianLinks.districtId, districtId));
}

/** Users of the district holding the guardian or student role, for pairing agentSourcedIds. */
export function guardianAndStudentRoles(tx: DbOrTx, districtId: string) {
  return tx
    .selectDistinct({ userId: roleAssignments.userId, role: roleAssignments.role })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.districtId, districtId), inArray(roleAssignments.role, ["guardian", "student"])));
}

/** Rows per JSON batch: a few hundred kilobytes of JSON per statement. */
const jsonBatch = 2000;

/** What to do when a written row's key already exists: update it, skip it, or nothing (plain insert). */
type OnConflict = { target: string; update: readonly string[] } | "ignore" | "none";

/**
 * Writes rows in batches, each batch ONE JSON parameter: `insert into t (…) select … from
 * jsonb_to_recordset($1) … on conflict …`. PostgreSQL turns JSON arrays into text[]/uuid[] and
 * objects into jsonb itself; compared with one bound parameter per value this keeps a 150,000-row
 * import fast and light on memory. `props` are the table's property names each row carries.
 */
export async function writeRows(
  tx: DbOrTx,
  table: PgTable,
  rows: readonly object[],
  props: readonly string[],
  conflict: OnConflict,
  returnIds = false,
): Promise<{ id: string; sourcedId: string }[]> {
  const created: { id: string; sourcedId: string }[] = [];
  if (rows.length === 0) return created;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const column = (prop: string) => {
    const c = columns[prop];
    if (!c) throw new Error(`${getTableName(table)} has no column ${prop}`);
    return c;
  };
  const names = props.map((p) => `"${column(p).name}"`).join(", ");
  const picks = props.map((p) => `x."${p}"`).join(", ");
  const shape = props.map((p) => `"${p}" ${column(p).getSQLType()}`).join(", ");
  let onConflict = conflict === "ignore" ? "on conflict do nothing" : "";
  if (typeof conflict === "object") {
    const set = conflict.update.map((p) => `"${column(p).name}" = excluded."${column(p).name}"`);
    if (columns.updatedAt) set.push(`"updated_at" = now()`);
    onConflict = `on conflict ("${column(conflict.target).name}") do update set ${set.join(", ")}`;
  }
  for (let i = 0; i < rows.length; i += jsonBatch) {
    const json = JSON.stringify(rows.slice(i, i + jsonBatch));
    const returning = returnIds ? sql.raw(`returning id, sourced_id as "sourcedId"`) : sql``;
    const result = await tx.execute(
      sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(picks)} from jsonb_to_recordset(${json}::jsonb) as x(${sql.raw(shape)}) ${sql.raw(onConflict)} ${returning}`,
    );
    if (returnIds) for (const row of (result as unknown as { rows: { id: string; sourcedId: string }[] }).rows) created.push(row);
  }
  return created;
}

/** Runs `statement` for the ids in batches, each batch one JSON parameter. */
async function forIds(ids: readonly string[], statement: (list: SQL) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += jsonBatch * 5)
    await statement(sql`(select jsonb_array_elements_text(${JSON.stringify(ids.slice(i, i + jsonBatch * 5))}::jsonb)::uuid)`);
}

/** Marks rows inactive (never deletes them: the work people did with them stays). */
export async function deactivateRows(
  tx: DbOrTx,
  table: typeof schools | typeof terms | typeof courses | typeof classes | typeof users | typeof enrolments,
  ids: readonly string[],
): Promise<void> {
  await forIds(ids, (list) => tx.execute(sql`update ${table} set status = 'inactive', updated_at = now() where id in ${list}`));
}

/** Removes imported role assignments the SIS no longer lists (a grant, not anybody's work). */
export async function deleteRoleAssignments(tx: DbOrTx, ids: readonly string[]): Promise<void> {
  await forIds(ids, (list) => tx.execute(sql`delete from ${roleAssignments} where id in ${list}`));
}

/** Adds guardian links. */
export async function insertGuardianLinks(
  tx: DbOrTx,
  districtId: string,
  links: readonly { guardianId: string; studentId: string }[],
): Promise<void> {
  await writeRows(
    tx,
    guardianLinks,
    links.map((l) => ({ districtId, guardianId: l.guardianId, studentId: l.studentId })),
    ["districtId", "guardianId", "studentId"],
    "ignore",
  );
}

/** Removes guardian links the SIS no longer lists: a guardian must not keep seeing a child they no longer have. */
export async function deleteGuardianLinks(tx: DbOrTx, links: readonly { guardianId: string; studentId: string }[]): Promise<void> {
  for (let i = 0; i < links.length; i += jsonBatch) {
    const json = JSON.stringify(links.slice(i, i + jsonBatch));
    await tx.execute(sql`delete from ${guardianLinks} g using jsonb_to_recordset(${json}::jsonb) as x("guardianId" uuid, "studentId" uuid)
      where g.guardian_id = x."guardianId" and g.student_id = x."studentId"`);
  }
}

/** Writes demographics rows (keyed by user). */
export async function upsertDemographics(tx: DbOrTx, rows: readonly (typeof demographics.$inferInsert)[]): Promise<void> {
  await writeRows(tx, demographics, rows, ["userId", "districtId", "birthDate", "sex", "data", "sourcedId"], {
    target: "userId",
    update: ["birthDate", "sex", "data", "sourcedId"],
  });
}

/** Removes demographics the SIS withdrew: sensitive data is not kept once its source stops sending it. */
export async function deleteDemographics(tx: DbOrTx, userIds: readonly string[]): Promise<void> {
  await forIds(userIds, (list) => tx.execute(sql`delete from ${demographics} where user_id in ${list}`));
}

/**
 * Stops the roster triggers from refreshing class rosters for the rest of the transaction (a bulk
 * import writes enrolments in many batches); `refreshDistrictRosters` then refreshes them once.
 */
export async function deferRosterRefresh(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select set_config('stoa.defer_roster_refresh', 'on', true)`);
}

/** Recomputes every class roster of the district and lets the triggers work again. */
export async function refreshDistrictRosters(tx: DbOrTx, districtId: string): Promise<void> {
  await tx.execute(sql`select refresh_class_rosters(array(select id from classes where district_id = ${districtId}))`);
  await tx.execute(sql`select set_config('stoa.defer_roster_refresh', '', true)`);
}
