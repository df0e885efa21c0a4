import type { TImportProblem } from "@stoa/contracts";
import type { DistrictSnapshot, FileKind, NameOwner, UserRecord, ValidBundle } from "./model.js";
import { error, note } from "./problems.js";

type Records = Omit<ValidBundle, "version" | "modes" | "roleScope" | "agentsListed">;

/**
 * Cross-file checks: every reference resolves to a record in the bundle or one already imported
 * into this district; one district org, and the right one; usernames and emails unique across
 * Stoa; one enrolment per person, class and role. Parent links (orgs, sessions, a course's school
 * year) are only noted when dangling: Stoa stores them as text and nothing depends on them.
 */
export function checkReferences(
  records: Records,
  snapshot: DistrictSnapshot,
  fileNames: Partial<Record<FileKind, string>>,
  roleSource: "users" | "roles",
): TImportProblem[] {
  const problems: TImportProblem[] = [];
  const name = (kind: FileKind) => fileNames[kind] ?? `${kind}.csv`;
  const keys = (bundle: { sourcedId: string }[], existing: Set<string>) => {
    const set = new Set(existing);
    for (const r of bundle) set.add(r.sourcedId);
    return set;
  };
  const districtKeys = new Set([snapshot.districtKey]);
  checkDistrictOrgs(records, snapshot, name("orgs"), districtKeys, problems);
  const orgs = keys(records.orgs, snapshot.schools);
  for (const k of districtKeys) orgs.add(k);
  const terms = keys(records.terms, snapshot.terms);
  const courses = keys(records.courses, snapshot.courses);
  const classes = keys(records.classes, snapshot.classes);
  const users = keys(records.users, snapshot.users);
  const must = (kind: FileKind, line: number, column: string, value: string | null, known: Set<string>, expected: string) => {
    if (value !== null && value !== "" && !known.has(value)) problems.push(error(name(kind), line, column, value, expected));
  };
  const should = (kind: FileKind, line: number, column: string, value: string | null, known: Set<string>, expected: string) => {
    if (value !== null && !known.has(value)) problems.push(note(name(kind), line, column, value, expected));
  };

  for (const o of records.orgs)
    should("orgs", o.line, "parentSourcedId", o.parentSourcedId, orgs, "a parent org in orgs.csv or imported before (kept as written)");
  for (const t of records.terms)
    should(
      "academicSessions",
      t.line,
      "parentSourcedId",
      t.parentSourcedId,
      terms,
      "a parent session in academicSessions.csv or imported before (kept as written)",
    );
  for (const c of records.courses) {
    must("courses", c.line, "orgSourcedId", c.orgSourcedId, orgs, "an org sourcedId from orgs.csv or imported before");
    should(
      "courses",
      c.line,
      "schoolYearSourcedId",
      c.schoolYearSourcedId,
      terms,
      "a school year in academicSessions.csv or imported before (kept as written)",
    );
  }
  for (const c of records.classes) {
    must("classes", c.line, "schoolSourcedId", c.schoolSourcedId, orgs, "a school sourcedId from orgs.csv or imported before");
    if (districtKeys.has(c.schoolSourcedId))
      problems.push(
        error(
          name("classes"),
          c.line,
          "schoolSourcedId",
          c.schoolSourcedId,
          "a school (or other org below the district), not the district itself",
        ),
      );
    must("classes", c.line, "courseSourcedId", c.courseSourcedId, courses, "a course sourcedId from courses.csv or imported before");
    for (const t of c.termSourcedIds)
      must("classes", c.line, "termSourcedIds", t, terms, "academic session sourcedIds from academicSessions.csv or imported before");
  }
  for (const u of records.users)
    for (const a of u.agentSourcedIds)
      must("users", u.line, "agentSourcedIds", a, users, "user sourcedIds from users.csv or imported before");
  checkNames(records.users, "username", snapshot.usernames, snapshot.districtId, name("users"), problems);
  checkNames(records.users, "email", snapshot.emails, snapshot.districtId, name("users"), problems);
  for (const r of records.roles) {
    const column = roleSource === "users" ? "orgSourcedIds" : "orgSourcedId";
    must(roleSource, r.line, column, r.orgSourcedId, orgs, "an org sourcedId from orgs.csv or imported before");
    if (roleSource === "roles")
      must("roles", r.line, "userSourcedId", r.userSourcedId, users, "a user sourcedId from users.csv or imported before");
  }
  checkEnrolments(records, { classes, users, orgs }, name("enrollments"), problems);
  for (const d of records.demographics)
    must("demographics", d.line, "sourcedId", d.sourcedId, users, "the sourcedId of a user in users.csv or imported before");
  return problems;
}

function checkDistrictOrgs(
  records: Records,
  snapshot: DistrictSnapshot,
  file: string,
  districtKeys: Set<string>,
  problems: TImportProblem[],
): void {
  let seen: number | null = null;
  for (const o of records.orgs) {
    if (o.type !== "district") {
      if (o.sourcedId === snapshot.districtKey)
        problems.push(error(file, o.line, "type", o.type, `district, because ${o.sourcedId} is this district's own sourcedId`));
      continue;
    }
    if (seen !== null)
      problems.push(error(file, o.line, "type", o.type, `one org of type district per bundle (line ${seen} is one already)`));
    else if (snapshot.districtSourcedId !== null && o.sourcedId !== snapshot.districtSourcedId)
      problems.push(
        error(
          file,
          o.line,
          "sourcedId",
          o.sourcedId,
          `${snapshot.districtSourcedId}, the district this Stoa district was imported from; this bundle seems to belong to another district`,
        ),
      );
    else if (snapshot.schools.has(o.sourcedId))
      problems.push(
        error(file, o.line, "type", o.type, `school (or another org type below the district): ${o.sourcedId} was imported as one before`),
      );
    seen ??= o.line;
    districtKeys.add(o.sourcedId);
  }
}

/** Usernames and emails sign people in, so each belongs to one account across the whole installation. */
function checkNames(
  users: UserRecord[],
  column: "username" | "email",
  owners: Map<string, NameOwner>,
  districtId: string,
  file: string,
  problems: TImportProblem[],
): void {
  const seen = new Map<string, number>();
  for (const u of users) {
    const value = u[column];
    if (value === null || value === "") continue;
    const lower = value.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) {
      problems.push(error(file, u.line, column, value, `a ${column} used once (line ${first} has it too; ${column}s ignore case)`));
      continue;
    }
    seen.set(lower, u.line);
    const owner = owners.get(lower);
    if (owner && !(owner.districtId === districtId && owner.key === u.sourcedId))
      problems.push(
        error(
          file,
          u.line,
          column,
          value,
          `a ${column} nobody else has: another Stoa account${owner.districtId === districtId ? "" : " (in another district)"} already uses it`,
        ),
      );
  }
}

function checkEnrolments(
  records: Records,
  known: { classes: Set<string>; users: Set<string>; orgs: Set<string> },
  file: string,
  problems: TImportProblem[],
): void {
  const members = new Map<string, number>();
  for (const e of records.enrolments) {
    if (e.classSourcedId !== "" && !known.classes.has(e.classSourcedId))
      problems.push(error(file, e.line, "classSourcedId", e.classSourcedId, "a class sourcedId from classes.csv or imported before"));
    if (e.userSourcedId !== "" && !known.users.has(e.userSourcedId))
      problems.push(error(file, e.line, "userSourcedId", e.userSourcedId, "a user sourcedId from users.csv or imported before"));
    if (e.schoolSourcedId !== "" && !known.orgs.has(e.schoolSourcedId))
      problems.push(error(file, e.line, "schoolSourcedId", e.schoolSourcedId, "a school sourcedId from orgs.csv or imported before"));
    // Two active rows for one membership would collide in Stoa; a tobedeleted one beside a new one is a re-keying.
    if (e.status !== "active") continue;
    const member = `${e.classSourcedId}\n${e.userSourcedId}\n${e.role}`;
    const first = members.get(member);
    if (first !== undefined)
      problems.push(
        error(
          file,
          e.line,
          "userSourcedId",
          e.userSourcedId,
          `one ${e.role} enrolment per person in class ${e.classSourcedId} (line ${first} has it already)`,
        ),
      );
    else members.set(member, e.line);
  }
}
