import type { GroupForActor } from "../groups/membership.js";

/**
 * Who may do what with a group's shared documents:
 * - "edit": the group's members and the class's teachers (write, rename, delete, versions);
 * - "read": school and district administrators (read, export, history; no changes);
 * - null: everyone else, answered like a missing document (404).
 */
export type DocumentAccess = "edit" | "read";

/** The actor's access to the documents of a group they can see (null: none). */
export function documentAccess(group: GroupForActor): DocumentAccess | null {
  if (group.isMember || group.isTeacher) return "edit";
  if (group.relation === "admin") return "read";
  return null;
}

/** May the actor change documents (create, write, rename, delete, save and restore versions)? */
export const canEditDocuments = (access: DocumentAccess | null) => access === "edit";

/** What the UI may offer. */
export const documentPolicies = (access: DocumentAccess | null) => ({ edit: canEditDocuments(access), read: access !== null });
