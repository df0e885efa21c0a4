import { z } from "zod";
import { ZId } from "./common.js";

export const roleNames = ["district_admin", "school_admin", "teacher", "staff", "student", "guardian"] as const;
export const ZRole = z.enum(roleNames, { message: `role must be one of ${roleNames.join(", ")}` });
export type TRole = z.infer<typeof ZRole>;
export const staffKinds = ["counselor", "interventionist", "aide"] as const;
export const ZStaffKind = z.enum(staffKinds, { message: `staff kind must be one of ${staffKinds.join(", ")}` });

/** Passwords: 8 to 256 characters, no composition rules (NIST 800-63B); common ones are refused by the server. */
export const ZPassword = z
  .string()
  .min(8, { message: "Password must be at least 8 characters" })
  .max(256, { message: "Password must be at most 256 characters" });

export const ZLoginRequest = z.object({
  login: z.string().trim().min(1, { message: "Enter your username or email" }).max(320),
  password: z.string().min(1, { message: "Enter your password" }).max(256),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, { message: "Enter your current password" }).max(256),
  newPassword: ZPassword,
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZResetPasswordRequest = z.object({ newPassword: ZPassword });
export type TResetPasswordRequest = z.infer<typeof ZResetPasswordRequest>;

/** A role held at one school, or district-wide when schoolId is null. */
export const ZRoleAssignment = z.object({
  id: ZId,
  role: ZRole,
  schoolId: ZId.nullable(),
  schoolName: z.string().nullable(),
  staffKind: ZStaffKind.nullable(),
});
export type TRoleAssignment = z.infer<typeof ZRoleAssignment>;

/** What the signed-in person may do across the app; the UI hides what is false. */
export const ZAbilities = z.object({
  manageSchools: z.boolean(),
  managePeople: z.boolean(),
  manageClasses: z.boolean(),
  importRosters: z.boolean(),
  viewAudit: z.boolean(),
});
export type TAbilities = z.infer<typeof ZAbilities>;

export const ZMe = z.object({
  user: z.object({
    id: ZId,
    username: z.string(),
    email: z.string().nullable(),
    givenName: z.string(),
    familyName: z.string(),
    preferredName: z.string().nullable(),
  }),
  district: z.object({ id: ZId, name: z.string() }),
  roles: z.array(ZRoleAssignment),
  abilities: ZAbilities,
  /** Send back as the X-CSRF-Token header on every state-changing request. */
  csrfToken: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZHealth = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) });
