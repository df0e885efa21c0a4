import type { TCard, TCardCreate, TCardLogEntry, TCardUpdate } from "@stoa/contracts";
import { ZCardCreate, ZCardUpdate, taskLimits } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { taskCards } from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";
import { badRequest, notFound } from "../../platform/errors.js";
import { presentCard } from "./tasks.presenter.js";
import * as spaces from "./space.repository.js";
import { recordSpaceEvent, requireChangeableSpace, requireSpace, type SpaceContext } from "./space.service.js";
import { StaleVersion } from "./stale-version.js";

/** Refuses a card owner who is not a member of the group. */
function checkOwner(space: SpaceContext, ownerId: string | null | undefined) {
  if (ownerId && !space.members.some((m) => m.userId === ownerId))
    throw badRequest("A card can only be given to a member of the group", [{ path: "ownerId", message: "Choose a member of your group" }]);
}

/** Refuses a card due after the task's deadline. */
function checkDueDate(space: SpaceContext, dueDate: string | null | undefined) {
  if (dueDate && dueDate > space.task.dueAt.toISOString().slice(0, 10))
    throw badRequest("A card cannot be due after the task's deadline", [
      { path: "dueDate", message: "Pick a date on or before the deadline" },
    ]);
}

async function presentOne(db: DbOrTx, space: SpaceContext, cardId: string): Promise<TCard> {
  const row = (await spaces.listCards(db, space.key)).find((c) => c.card.id === cardId);
  if (!row) throw notFound("Card");
  return presentCard(row.card, row.ownerName);
}

/** Adds a card to the group's board. */
export async function createCard(db: Db, actor: Actor, taskId: string, groupId: string, raw: TCardCreate): Promise<TCard> {
  const input = ZCardCreate.parse(raw);
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  checkOwner(space, input.ownerId);
  checkDueDate(space, input.dueDate);
  const id = await db.transaction(async (tx) => {
    if ((await spaces.countCards(tx, space.key)) >= taskLimits.cardsPerGroup)
      throw badRequest(`A board holds at most ${taskLimits.cardsPerGroup} cards; remove finished ones first`);
    const card = await spaces.insertCard(tx, {
      ...space.key,
      title: input.title,
      notes: input.notes,
      ownerId: input.ownerId,
      dueDate: input.dueDate,
      status: input.status,
      checklist: input.checklist,
      createdBy: actor.userId,
      doneAt: input.status === "done" ? new Date() : null,
    });
    await spaces.logCard(tx, space.key, card.id, actor.userId, "created", {
      title: card.title,
      status: card.status,
      ownerId: card.ownerId,
    });
    await recordSpaceEvent(tx, space, "task.card.created", { cardId: card.id });
    return card.id;
  });
  return presentOne(db, space, id);
}

/** What changed between a card and an update, for the log (checklist as counts, not text). */
function describeChange(before: typeof taskCards.$inferSelect, input: Omit<TCardUpdate, "version">) {
  const changes: Record<string, unknown> = {};
  if (input.title !== undefined && input.title !== before.title) changes.title = { from: before.title, to: input.title };
  if (input.notes !== undefined && input.notes !== before.notes) changes.notes = true;
  if (input.ownerId !== undefined && input.ownerId !== before.ownerId) changes.ownerId = { from: before.ownerId, to: input.ownerId };
  if (input.dueDate !== undefined && input.dueDate !== before.dueDate) changes.dueDate = { from: before.dueDate, to: input.dueDate };
  if (input.status !== undefined && input.status !== before.status) changes.status = { from: before.status, to: input.status };
  if (input.position !== undefined && input.position !== before.position) changes.position = { from: before.position, to: input.position };
  if (input.checklist !== undefined) {
    const done = (list: { done: boolean }[]) => list.filter((i) => i.done).length;
    if (JSON.stringify(input.checklist) !== JSON.stringify(before.checklist))
      changes.checklist = {
        done: done(input.checklist),
        total: input.checklist.length,
        before: { done: done(before.checklist), total: before.checklist.length },
      };
  }
  return changes;
}

/** Changes, moves or ticks a card; a stale version is a 409 with the current card. Every change is logged. */
export async function updateCard(db: Db, actor: Actor, taskId: string, groupId: string, cardId: string, raw: TCardUpdate): Promise<TCard> {
  const { version, ...input } = ZCardUpdate.parse(raw);
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  checkOwner(space, input.ownerId);
  checkDueDate(space, input.dueDate);
  await db.transaction(async (tx) => {
    const before = await spaces.findCard(tx, space.key, cardId);
    if (!before) throw notFound("Card");
    const changes = describeChange(before, input);
    const doneAt =
      input.status === undefined || input.status === before.status ? {} : { doneAt: input.status === "done" ? new Date() : null };
    const row = await spaces.updateCardIfVersion(tx, space.key, cardId, version, { ...input, ...doneAt });
    if (!row) throw new StaleVersion(await presentOne(tx, space, cardId).catch(() => null));
    const action = changes.status ? "moved" : changes.checklist && Object.keys(changes).length === 1 ? "checklist" : "edited";
    await spaces.logCard(tx, space.key, cardId, actor.userId, action, changes);
    await recordSpaceEvent(tx, space, "task.card.updated", { cardId, version: row.version });
  });
  return presentOne(db, space, cardId);
}

/** Removes a card (kept, marked deleted, so its log stays readable); a stale version is a 409. */
export async function deleteCard(db: Db, actor: Actor, taskId: string, groupId: string, cardId: string, version: number): Promise<void> {
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  await db.transaction(async (tx) => {
    const before = await spaces.findCard(tx, space.key, cardId);
    if (!before) throw notFound("Card");
    const row = await spaces.updateCardIfVersion(tx, space.key, cardId, version, { deletedAt: new Date() });
    if (!row) throw new StaleVersion(presentCard(before, null));
    await spaces.logCard(tx, space.key, cardId, actor.userId, "deleted", { title: before.title });
    await recordSpaceEvent(tx, space, "task.card.deleted", { cardId });
  });
}

/** The board's change log, newest first (members and teachers). */
export async function listCardLog(db: Db, actor: Actor, taskId: string, groupId: string): Promise<TCardLogEntry[]> {
  const space = await requireSpace(db, actor, taskId, groupId);
  const rows = await spaces.listCardLog(db, space.key, 200);
  return rows.map((r) => ({
    id: r.log.id,
    cardId: r.log.cardId,
    cardTitle: r.cardTitle,
    actor: { id: r.log.actorId, name: r.actorName },
    action: r.log.action,
    details: r.log.details,
    at: r.log.at.toISOString(),
  }));
}
