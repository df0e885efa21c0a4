import { z } from "zod";
import { ZId, ZName, ZPageQuery, ZPaged } from "./common.js";
import { ZPassword, ZRole, ZRoleAssignment, ZStaffKind } from "./identity.js";

const timeZones = typeof Intl.supportedValuesOf === "function" ? new Set(Intl.supportedValuesOf("timeZone")) : null;
export const ZTimeZone = z
  .string()
  .refine((tz) => tz === "UTC" || !timeZones || timeZones.has(tz), { message: "must be an IANA time zone such as America/Chicago" });

export const ZStatus = z.enum(["active", "inactive"]);

export const ZSchool = z.object({
  id: ZId,
  name: z.string(),
  identifier: z.string().nullable(),
  timeZone: z.string(),
  status: ZStatus,
  sourcedId: z.string().nullable(),
});
export type TSchool = z.infer<typeof ZSchool>;

export const ZSchoolCreate = z.object({
  name: ZName("School name"),
  identifier: z.string().trim().max(100).optional(),
  timeZone: ZTimeZone.default("UTC"),
});
export type TSchoolCreate = z.infer<typeof ZSchoolCreate>;
// No defaults in an update: a PATCH that only renames must not reset the time zone.
export const ZSchoolUpdate = ZSchoolCreate.extend({ timeZone: ZTimeZone }).partial().extend({ status: ZStatus.optional() });
export type TSchoolUpdate = z.infer<typeof ZSchoolUpdate>;

export const ZRoleGrant = z.object({
  role: ZRole,
  schoolId: ZId.nullable(),
  staffKind: ZStaffKind.nullable().optional(),
});
export type TRoleGrant = z.infer<typeof ZRoleGrant>;

const ZUsername = z
  .string()
  .trim()
  .min(2, { message: "Username must be at least 2 characters" })
  .max(100)
  .regex(/^[A-Za-z0-9._@-]+$/, { message: "Username may contain letters, digits, dot, dash, underscore and @ only" });

export const ZPerson = z.object({
  id: ZId,
  username: z.string(),
  email: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  grades: z.array(z.string()),
  status: ZStatus,
  sourcedId: z.string().nullable(),
  roles: z.array(ZRoleAssignment),
});
export type TPerson = z.infer<typeof ZPerson>;

export const ZPersonDetail = ZPerson.extend({
  guardians: z.array(z.object({ id: ZId, givenName: z.string(), familyName: z.string() })),
  children: z.array(z.object({ id: ZId, givenName: z.string(), familyName: z.string() })),
  classes: z.array(z.object({ id: ZId, title: z.string(), role: z.string(), status: ZStatus })),
});
export type TPersonDetail = z.infer<typeof ZPersonDetail>;

export const ZPersonCreate = z.object({
  username: ZUsername,
  email: z.email({ message: "Email must be a valid address" }).max(320).nullable().optional(),
  givenName: ZName("Given name", 100),
  familyName: ZName("Family name", 100),
  preferredName: z.string().trim().max(100).nullable().optional(),
  grades: z.array(z.string().trim().min(1).max(10)).max(20).default([]),
  password: ZPassword.optional(),
  roles: z.array(ZRoleGrant).min(1, { message: "Give the person at least one role" }).max(20),
});
export type TPersonCreate = z.infer<typeof ZPersonCreate>;

export const ZPersonUpdate = z.object({
  email: z.email({ message: "Email must be a valid address" }).max(320).nullable().optional(),
  givenName: ZName("Given name", 100).optional(),
  familyName: ZName("Family name", 100).optional(),
  preferredName: z.string().trim().max(100).nullable().optional(),
  grades: z.array(z.string().trim().min(1).max(10)).max(20).optional(),
  status: ZStatus.optional(),
});
export type TPersonUpdate = z.infer<typeof ZPersonUpdate>;

export const ZPeopleQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: ZRole.optional(),
  schoolId: ZId.optional(),
  status: ZStatus.optional(),
});
export type TPeopleQuery = z.infer<typeof ZPeopleQuery>;
export const ZPeoplePage = ZPaged(ZPerson);
export type TPeoplePage = z.infer<typeof ZPeoplePage>;

export const ZGuardianLinkCreate = z.object({ studentId: ZId });
