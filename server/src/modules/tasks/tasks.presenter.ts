import type { TCard, TTask, TTaskPerson } from "@stoa/contracts";
import type { taskCards } from "../../db/schema/index.js";
import type { TaskRow } from "./tasks.repository.js";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A task row as the contract's task. */
export function presentTask(row: TaskRow, setName: string): TTask {
  return {
    id: row.id,
    classId: row.classId,
    setId: row.setId,
    setName,
    title: row.title,
    instructions: row.instructions,
    startsAt: iso(row.startsAt),
    dueAt: row.dueAt.toISOString(),
    roles: row.roles,
    rotateRoles: row.rotateRoles,
    phases: row.phases,
    markingScheme: row.markingScheme,
    peerMethod: row.peerMethod,
    peerCriteria: row.peerCriteria,
    peerIncludeSelf: row.peerIncludeSelf,
    peerWeight: Number(row.peerWeight),
    penaltyKind: row.penaltyKind,
    penaltyAmount: Number(row.penaltyAmount),
    ratingOpensAt: iso(row.ratingOpensAt),
    ratingClosesAt: iso(row.ratingClosesAt),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A board card row as the contract's card. */
export function presentCard(card: typeof taskCards.$inferSelect, ownerName: string | null): TCard {
  return {
    id: card.id,
    title: card.title,
    notes: card.notes,
    owner: card.ownerId && ownerName ? { id: card.ownerId, name: ownerName } : null,
    dueDate: card.dueDate,
    status: card.status,
    position: card.position,
    checklist: card.checklist,
    version: card.version,
    updatedAt: card.updatedAt.toISOString(),
  };
}

/** A person reference, or null when either part is missing. */
export const person = (id: string | null, name: string | null): TTaskPerson | null => (id && name ? { id, name } : null);
