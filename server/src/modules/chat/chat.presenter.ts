import type { TChatMessage } from "@stoa/contracts";
import type { MessageRow } from "./chat.repository.js";

/** A message as every member of its chat may see it: a deleted one keeps its author and time, not its text. */
export function presentMessage(row: MessageRow): TChatMessage {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    classId: row.classId,
    groupId: row.groupId,
    author: { id: row.authorId, name: row.authorName },
    body: deleted ? "" : row.body,
    mentions: deleted ? [] : row.mentions.map((m) => ({ userId: m.userId, username: m.username, name: m.name })),
    createdAt: row.createdAt.toISOString(),
    deleted,
  };
}
