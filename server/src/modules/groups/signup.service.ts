/** What students do with group sets: see their own groups, and join or leave a self-signup set. */
import { ZGroupSetSettings, type TMyGroup, type TSignupView } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { recordEvent } from "../../platform/events.js";
import { recordAccessChange } from "../../platform/realtime/access.js";
import { badRequest, conflict, notFound } from "../../platform/errors.js";
import * as repo from "./groups.repository.js";
import { hasPgCode } from "./groups.service.js";
import { getSetForActor } from "./membership.js";

/** The student's groups in the published sets of their classes, with their members' names. */
export async function listMyGroups(db: Db, actor: Actor): Promise<TMyGroup[]> {
  const rows = await repo.listMyGroups(db, actor.userId, actor.districtId);
  const members = await repo.listMembersOfGroups(
    db,
    rows.flatMap((r) => (r.groupId ? [r.groupId] : [])),
  );
  return rows.map((r) => ({
    set: { id: r.setId, name: r.setName, classId: r.classId, classTitle: r.classTitle, strategy: r.strategy },
    group: r.groupId
      ? {
          id: r.groupId,
          name: r.groupName!,
          members: members.filter((m) => m.groupId === r.groupId).map((m) => ({ userId: m.userId, name: m.name })),
        }
      : null,
  }));
}

function windowOf(settings: unknown, now: Date) {
  const s = ZGroupSetSettings.parse(settings);
  const opensAt = s.opensAt ?? null;
  const closesAt = s.closesAt ?? null;
  const open = (!opensAt || new Date(opensAt) <= now) && (!closesAt || now < new Date(closesAt));
  return { opensAt, closesAt, open, capacity: s.capacity ?? 1 };
}

/** Loads a self-signup set the actor may see (students: published only), or 404. */
async function requireSignupSet(db: Db, actor: Actor, setId: string) {
  const found = await getSetForActor(db, actor, setId);
  if (!found || found.set.strategy !== "selfSignup") throw notFound("Group set");
  return found;
}

/** A self-signup set for a student: seats left per group, the window, and the group they are in. */
export async function getSignup(db: Db, actor: Actor, setId: string, now = new Date()): Promise<TSignupView> {
  const { set } = await requireSignupSet(db, actor, setId);
  const window = windowOf(set.settings, now);
  const [groups, taken, mine] = await Promise.all([
    repo.listGroupIds(db, setId),
    repo.seatsTaken(db, setId),
    repo.findMembership(db, setId, actor.userId),
  ]);
  const takenBy = new Map(taken.map((t) => [t.groupId, t.n]));
  return {
    set: {
      id: set.id,
      name: set.name,
      classId: set.classId,
      opensAt: window.opensAt,
      closesAt: window.closesAt,
      open: window.open && set.publishedAt !== null,
    },
    groups: groups.map((g) => {
      const capacity = g.capacity ?? window.capacity;
      return { id: g.id, name: g.name, capacity, seatsLeft: Math.max(0, capacity - (takenBy.get(g.id) ?? 0)) };
    }),
    myGroupId: mine?.groupId ?? null,
  };
}

async function requireOpenForStudent(db: Db, actor: Actor, setId: string, now: Date) {
  const found = await requireSignupSet(db, actor, setId);
  if (found.relation !== "student") throw badRequest("Only students of the class sign up for groups; teachers move students on the board");
  const window = windowOf(found.set.settings, now);
  if (!window.open)
    throw conflict(window.closesAt && new Date(window.closesAt) <= now ? "Sign-up has closed" : "Sign-up has not opened yet");
  return { ...found, window };
}

/** Joins a group (leaving any other group of the set); the last seat goes to one student only, even under concurrent joins. */
export async function join(db: Db, actor: Actor, setId: string, groupId: string, now = new Date()): Promise<TSignupView> {
  const { set, window } = await requireOpenForStudent(db, actor, setId, now);
  const outcome = await db
    .transaction(async (tx) => {
      const result = await repo.joinIfSeat(tx, set, groupId, actor.userId, window.capacity);
      if (result === "joined") {
        await recordEvent(tx, set.districtId, "groups.member.joined", [`class:${set.classId}`, `group:${groupId}`], {
          setId,
          groupId,
          userId: actor.userId,
        });
        await recordAccessChange(tx, set.districtId, [actor.userId]);
        await audit(tx, actor, { action: "groups.signup.join", targetType: "group", targetId: groupId, details: { setId } });
      }
      return result;
    })
    .catch((err: unknown) => {
      // The same student joining two groups at once: the second meets the one-group-per-set index.
      if (hasPgCode(err, "23505")) throw conflict("You just joined another group of this set; reload to see where you are");
      throw err;
    });
  if (outcome === "no-group") throw notFound("Group");
  if (outcome === "full") throw conflict("This group is full: choose another group");
  return getSignup(db, actor, setId, now);
}

/** Leaves the student's group of a self-signup set while sign-up is open. */
export async function leave(db: Db, actor: Actor, setId: string, now = new Date()): Promise<TSignupView> {
  const { set } = await requireOpenForStudent(db, actor, setId, now);
  await db.transaction(async (tx) => {
    if ((await repo.leaveSet(tx, setId, actor.userId)) === 0) throw badRequest("You are not in a group of this set");
    await recordEvent(tx, set.districtId, "groups.member.left", [`class:${set.classId}`], { setId, userId: actor.userId });
    await recordAccessChange(tx, set.districtId, [actor.userId]);
    await audit(tx, actor, { action: "groups.signup.leave", targetType: "group_set", targetId: setId });
  });
  return getSignup(db, actor, setId, now);
}
