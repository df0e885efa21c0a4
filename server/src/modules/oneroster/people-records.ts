import { isEmail } from "./fields.js";
import {
  enrolmentRoles11,
  enrolmentRoles12,
  roleTypes,
  sexes,
  stoaStaffKinds,
  userRoles11,
  userRoles12,
  type DemographicRecord,
  type EnrolmentRecord,
  type Metadata,
  type RoleRecord,
  type UserRecord,
} from "./model.js";
import { readRows, type ReadContext, type RowReader } from "./row-reader.js";

/**
 * users.csv rows as users. When `rolesFromUsers` (1.1, or 1.2 without roles.csv), each user's
 * role at each of their orgSourcedIds becomes a role record keyed "<user>/<org>". The password
 * column is never read: imported people get no password and sign in by the district's method.
 * enabledUser=false makes the account inactive, like tobedeleted.
 */
export function readUsers(ctx: ReadContext, rolesFromUsers: boolean): { users: UserRecord[]; roles: RoleRecord[] } {
  const roles: RoleRecord[] = [];
  const users = readRows(ctx, (r) => {
    const base = r.base();
    const enabled = r.boolean("enabledUser");
    const email = r.optional("email");
    if (email !== null && !isEmail(email)) r.report("email", email, "an email address such as name@school.org");
    const user: UserRecord = Object.assign(base, {
      status: enabled === false ? ("inactive" as const) : base.status,
      username: r.required("username"),
      email,
      givenName: r.required("givenName"),
      familyName: r.required("familyName"),
      middleName: r.optional("middleName"),
      preferredName: r.optional("preferredGivenName"),
      identifier: r.optional("identifier"),
      grades: r.list("grades"),
      agentSourcedIds: r.list("agentSourcedIds"),
      metadata: r.metadata(),
    });
    if (!rolesFromUsers) return user;
    const role = r.enumOf("role", ctx.version === "1.1" ? userRoles11 : userRoles12);
    const orgs = r.list("orgSourcedIds");
    // In 1.1 the column itself is required (reported above); a 1.2 users.csv carrying roles needs orgs too.
    if (role !== null && orgs.length === 0 && ctx.version === "1.2")
      r.report("orgSourcedIds", "", `at least one org where this ${role} belongs`);
    if (role !== null && base.sourcedId !== "")
      for (const org of new Set(orgs))
        roles.push({
          sourcedId: `${base.sourcedId}/${org}`,
          line: r.line,
          status: "active",
          userSourcedId: base.sourcedId,
          role,
          orgSourcedId: org,
          staffKind: null,
        });
    return user;
  });
  // A user row refused as a duplicate sourcedId must not contribute roles either.
  const seen = new Set<string>();
  const kept = new Set(users.map((u) => `${u.sourcedId}\n${u.line}`));
  const unique = roles.filter((role) => {
    if (!kept.has(`${role.userSourcedId}\n${role.line}`) || seen.has(role.sourcedId)) return false;
    seen.add(role.sourcedId);
    return true;
  });
  return { users, roles: unique };
}

/** roles.csv rows (OneRoster 1.2) as role records. Begin and end dates are checked, not enforced. */
export function readRoles(ctx: ReadContext): RoleRecord[] {
  return readRows(ctx, (r) => {
    const base = r.base();
    r.enumOf("roleType", roleTypes);
    checkPeriod(r, r.date("beginDate"), r.date("endDate"));
    return Object.assign(base, {
      userSourcedId: r.required("userSourcedId"),
      role: r.enumOf("role", userRoles12) ?? "student",
      orgSourcedId: r.required("orgSourcedId"),
      staffKind: r.enumOf("ext_stoa_staffKind", stoaStaffKinds),
    });
  });
}

/** enrollments.csv rows as enrolments (aide is a 1.2 enrolment role). */
export function readEnrolments(ctx: ReadContext): EnrolmentRecord[] {
  return readRows(ctx, (r) => {
    const record: EnrolmentRecord = Object.assign(r.base(), {
      classSourcedId: r.required("classSourcedId"),
      schoolSourcedId: r.required("schoolSourcedId"),
      userSourcedId: r.required("userSourcedId"),
      role: r.enumOf("role", ctx.version === "1.1" ? enrolmentRoles11 : enrolmentRoles12) ?? "student",
      primary: r.boolean("primary") ?? false,
      beginDate: r.date("beginDate"),
      endDate: r.date("endDate"),
    });
    checkPeriod(r, record.beginDate, record.endDate);
    return record;
  });
}

const raceFlags = [
  "americanIndianOrAlaskaNative",
  "asian",
  "blackOrAfricanAmerican",
  "nativeHawaiianOrOtherPacificIslander",
  "white",
  "demographicRaceTwoOrMoreRaces",
  "hispanicOrLatinoEthnicity",
] as const;
const placeFields = ["countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus"] as const;

/** demographics.csv rows; the sourcedId is the user's. Only blank-free fields are kept. */
export function readDemographics(ctx: ReadContext): DemographicRecord[] {
  return readRows(ctx, (r) => {
    const data: Metadata = {};
    for (const flag of raceFlags) {
      const value = r.boolean(flag);
      if (value !== null) data[flag] = String(value);
    }
    for (const field of placeFields) {
      const value = r.optional(field);
      if (value !== null) data[field] = value;
    }
    return Object.assign(r.base(), { birthDate: r.date("birthDate"), sex: r.enumOf("sex", sexes), data });
  });
}

// No callback here: this runs per row, and under tsx each closure created costs a named function object.
function checkPeriod(r: RowReader, begin: string | null, end: string | null): void {
  if (begin !== null && end !== null && end < begin) r.report("endDate", end, `a date on or after the beginDate (${begin})`);
}
