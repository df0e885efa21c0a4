/**
 * The shapes the OneRoster importer works with: file kinds, normalised records (what a valid row
 * means for Stoa) and the snapshot of the district that validation checks references against.
 * Pure types and constants; no I/O.
 */

/** The OneRoster files Stoa imports, in the order they must be applied (references point backwards). */
export const fileKinds = ["orgs", "academicSessions", "courses", "classes", "users", "roles", "enrollments", "demographics"] as const;
export type FileKind = (typeof fileKinds)[number];

export type OneRosterVersion = "1.1" | "1.2";
export type FileMode = "bulk" | "delta";
/** Stoa's two record states; OneRoster's `tobedeleted` becomes `inactive` (rows are never deleted). */
export type RecordStatus = "active" | "inactive";
export type Metadata = Record<string, string>;

export const orgTypes = ["district", "school", "department", "local", "state", "national"] as const;
export type OrgType = (typeof orgTypes)[number];
export const sessionTypes = ["schoolYear", "semester", "term", "gradingPeriod"] as const;
export type SessionType = (typeof sessionTypes)[number];
export const classTypes = ["homeroom", "scheduled"] as const;
export type ClassType = (typeof classTypes)[number];
export const enrolmentRoles11 = ["student", "teacher", "administrator", "proctor"] as const;
/** 1.2 adds aide to enrolment roles; Stoa stores it. */
export const enrolmentRoles12 = [...enrolmentRoles11, "aide"] as const;
export type EnrolmentRole = (typeof enrolmentRoles12)[number];
export const userRoles11 = ["administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"] as const;
export const userRoles12 = [
  ...userRoles11,
  "counselor",
  "districtAdministrator",
  "principal",
  "siteAdministrator",
  "systemAdministrator",
] as const;
export type OneRosterRole = (typeof userRoles12)[number];
export const roleTypes = ["primary", "secondary"] as const;
export const sexes = ["male", "female", "other", "unspecified"] as const;
export const stoaStaffKinds = ["counselor", "interventionist", "aide"] as const;
export type StaffKind = (typeof stoaStaffKinds)[number];

interface Base {
  /** The SIS's stable key (or, for rows made in Stoa and exported, the Stoa id). */
  sourcedId: string;
  line: number;
  status: RecordStatus;
}

export interface OrgRecord extends Base {
  name: string;
  type: OrgType;
  identifier: string | null;
  parentSourcedId: string | null;
  metadata: Metadata | null;
}

export interface TermRecord extends Base {
  title: string;
  type: SessionType;
  startDate: string;
  endDate: string;
  parentSourcedId: string | null;
  schoolYear: string | null;
}

export interface CourseRecord extends Base {
  title: string;
  courseCode: string | null;
  grades: string[];
  subjects: string[];
  orgSourcedId: string;
  schoolYearSourcedId: string | null;
  metadata: Metadata | null;
}

export interface ClassRecord extends Base {
  title: string;
  grades: string[];
  courseSourcedId: string | null;
  classCode: string | null;
  classType: ClassType;
  location: string | null;
  schoolSourcedId: string;
  termSourcedIds: string[];
  subjects: string[];
  subjectCodes: string[];
  periods: string[];
  metadata: Metadata | null;
}

export interface UserRecord extends Base {
  username: string;
  email: string | null;
  givenName: string;
  familyName: string;
  middleName: string | null;
  preferredName: string | null;
  identifier: string | null;
  grades: string[];
  agentSourcedIds: string[];
  metadata: Metadata | null;
}

/** A role a user holds at an org: a roles.csv row (1.2) or one org of a users.csv row (1.1). */
export interface RoleRecord extends Base {
  userSourcedId: string;
  role: OneRosterRole;
  orgSourcedId: string;
  /** Stoa's own extension column (ext_stoa_staffKind) so exported staff kinds round-trip. */
  staffKind: StaffKind | null;
}

export interface EnrolmentRecord extends Base {
  classSourcedId: string;
  schoolSourcedId: string;
  userSourcedId: string;
  role: EnrolmentRole;
  primary: boolean;
  beginDate: string | null;
  endDate: string | null;
}

export interface DemographicRecord extends Base {
  birthDate: string | null;
  sex: string | null;
  data: Metadata;
}

/**
 * Which users' role sets a bundle restates: all imported roles (bulk roles.csv), the users in
 * users.csv (roles from users.role, 1.1 style), or none (delta roles.csv: row by row).
 */
export type RoleScope = { kind: "all" } | { kind: "users"; userSourcedIds: Set<string> } | { kind: "rows" };

/** A bundle that passed validation: every record normalised, every reference known to resolve. */
export interface ValidBundle {
  version: OneRosterVersion;
  modes: Partial<Record<FileKind, FileMode>>;
  orgs: OrgRecord[];
  terms: TermRecord[];
  courses: CourseRecord[];
  classes: ClassRecord[];
  users: UserRecord[];
  roles: RoleRecord[];
  roleScope: RoleScope | null;
  /** users.csv has an agentSourcedIds column, so it states guardian links (a file without it must not wipe them). */
  agentsListed: boolean;
  enrolments: EnrolmentRecord[];
  demographics: DemographicRecord[];
}

/** Who already holds a username or email: district and key (sourcedId, or id for rows made in Stoa). */
export interface NameOwner {
  districtId: string;
  key: string;
}

/** What validation needs to know about the database, loaded once before validating. */
export interface DistrictSnapshot {
  districtId: string;
  /** districts.sourced_id, null until a bundle with a district org is imported. */
  districtSourcedId: string | null;
  /** The key a district org must carry: its sourcedId, or its id when it has none yet. */
  districtKey: string;
  importDemographics: boolean;
  /** Keys of existing rows: sourcedId, or id for rows made in Stoa. */
  schools: Set<string>;
  terms: Set<string>;
  courses: Set<string>;
  classes: Set<string>;
  users: Set<string>;
  /** lower(username) -> owner, only for the usernames the bundle mentions. */
  usernames: Map<string, NameOwner>;
  /** lower(email) -> owner, only for the emails the bundle mentions. */
  emails: Map<string, NameOwner>;
}
