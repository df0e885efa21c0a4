import type { Actor } from "../../platform/actor.js";
import { groupRelation } from "../groups/groups.policy.js";

/**
 * How a person takes part in a chat:
 * - "teacher": an active teacher of the class: reads, writes, deletes any message, turns the chat off and on;
 * - "participant": an active student of the class (class chat) or a member of the group (group chat,
 *   published set): reads and writes while the chat is on, deletes their own messages;
 * - "reader": an administrator of the class's school or the district: reads only;
 * - null: nothing (guardians, staff, other teachers and students): answers are 404.
 */
export type ChatRelation = "teacher" | "participant" | "reader" | null;

/** The actor's relation to a class's chat. */
export function classChatRelation(actor: Actor, cls: { schoolId: string; myRole: string | null }): ChatRelation {
  const relation = groupRelation(actor, cls);
  if (relation === "teacher") return "teacher";
  if (relation === "admin") return "reader";
  if (relation === "student") return "participant";
  return null;
}

/** The actor's relation to a group's chat: the class's teachers and admins, and the group's own members once the set is published. */
export function groupChatRelation(
  actor: Actor,
  group: { schoolId: string; myRole: string | null; isMember: boolean; publishedAt: Date | null; archivedAt: Date | null },
): ChatRelation {
  const relation = groupRelation(actor, group);
  if (relation === "teacher") return "teacher";
  if (relation === "admin") return "reader";
  if (relation === "student" && group.isMember && group.publishedAt !== null && group.archivedAt === null) return "participant";
  return null;
}

/** May the actor write in the chat now? */
export const canWrite = (relation: ChatRelation, enabled: boolean) => relation === "teacher" || (relation === "participant" && enabled);

/** May the actor delete this message: their own (while they take part), or any as a teacher of the class. */
export const canDelete = (relation: ChatRelation, actor: Actor, message: { authorId: string }) =>
  relation === "teacher" || (relation === "participant" && message.authorId === actor.userId);

/** May the actor turn the class's chat off and on? */
export const canToggle = (relation: ChatRelation) => relation === "teacher";

/** What the actor may do in the chat; the UI hides what is false. */
export const chatPolicies = (relation: ChatRelation, enabled: boolean) => ({
  write: canWrite(relation, enabled),
  moderate: relation === "teacher",
  toggle: canToggle(relation),
});
