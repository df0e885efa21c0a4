import type { TPerson, TPersonDetail, TRoleAssignment } from "@stoa/contracts";
import type { RoleRow, UserRow } from "./people.repository.js";

type Named = { id: string; givenName: string; familyName: string };

/** A role row as the contract shows it. */
export const presentRole = (role: RoleRow): TRoleAssignment => ({
  id: role.id,
  role: role.role,
  schoolId: role.schoolId,
  schoolName: role.schoolName,
  staffKind: role.staffKind,
});

/** A person with their roles; never the password hash, metadata or internal columns. */
export const presentPerson = (user: UserRow, roles: RoleRow[]): TPerson => ({
  id: user.id,
  username: user.username,
  email: user.email,
  givenName: user.givenName,
  familyName: user.familyName,
  preferredName: user.preferredName,
  grades: user.grades,
  status: user.status,
  sourcedId: user.sourcedId,
  roles: roles.map(presentRole),
});

/** A person's full record: roles, guardians, children and classes. */
export const presentPersonDetail = (
  user: UserRow,
  roles: RoleRow[],
  related: { guardians: Named[]; children: Named[]; classes: TPersonDetail["classes"] },
): TPersonDetail => ({
  ...presentPerson(user, roles),
  guardians: related.guardians.map(({ id, givenName, familyName }) => ({ id, givenName, familyName })),
  children: related.children.map(({ id, givenName, familyName }) => ({ id, givenName, familyName })),
  classes: related.classes.map(({ id, title, role, status }) => ({ id, title, role, status })),
});
