import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, type TestDistrict } from "../../test/factories.js";
import type { Db } from "../../db/client.js";
import { AppError } from "../../platform/errors.js";
import { mayJoinRoom, registerRoomPolicy } from "../../platform/realtime/room-policies.js";
import { mayJoinBrainstormRoom } from "./brainstorm.access.js";
import * as boards from "./brainstorm.service.js";
import * as cards from "./cards.service.js";
import * as convert from "./convert.service.js";
import * as discussions from "../discussions/discussions.service.js";
import { discussionPosts } from "../../db/schema/index.js";
import { eq } from "drizzle-orm";
import { buildGroups, eventsOf } from "./test-helpers.js";

let db: Db;
afterAll(async () => (await getTestDatabase()).close());
beforeAll(async () => {
  db = (await getTestDatabase()).db;
  registerRoomPolicy("brainstorm", mayJoinBrainstormRoom);
});

/** The status and message of the AppError a promise rejects with (200 when it resolves). */
async function outcome(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.statusCode, message: error.message };
    throw error;
  }
  return { status: 200, message: "" };
}
const statusOf = async (p: Promise<unknown>) => (await outcome(p)).status;

async function setup(settings: { layout?: "canvas" | "columns"; anonymous?: boolean; votesPerPerson?: number } = {}) {
  const d = await buildDistrict(db);
  const g = await buildGroups(db, d);
  const teacher = actorOf(d.teacherA);
  const a1 = actorOf(d.studentA1);
  const a2 = actorOf(d.studentA2);
  const board = await boards.createBoard(db, teacher, { classId: d.classA.id, title: "Why do rivers flood?", ...settings });
  return { d, ...g, teacher, a1, a2, a3: actorOf(g.studentA3), board };
}

describe("brainstorm boards", () => {
  it("lets teachers start class boards and students only boards of their own group", async () => {
    const { d, red, blue, a1, teacher } = await setup();
    expect(await statusOf(boards.createBoard(db, a1, { classId: d.classA.id, title: "Mine" }))).toBe(403);
    const own = await boards.createBoard(db, a1, { classId: d.classA.id, groupId: red.id, title: "Red ideas" });
    expect(own.viewer.arrange).toBe(true);
    expect(await statusOf(boards.createBoard(db, a1, { classId: d.classA.id, groupId: blue.id, title: "Not mine" }))).toBe(400);
    expect(await statusOf(boards.createBoard(db, actorOf(d.teacherB), { classId: d.classA.id, title: "Other school" }))).toBe(404);
    const columns = await boards.createBoard(db, teacher, { classId: d.classA.id, title: "Cols", layout: "columns" });
    expect(columns.columns.map((c) => c.title)).toEqual(["Ideas", "Questions", "Next steps"]);
  });

  it("shows a group's board to its members and the teachers only; the room policy says the same", async () => {
    const { d, red, a1, a3, teacher } = await setup();
    const own = await boards.createBoard(db, a1, { classId: d.classA.id, groupId: red.id, title: "Red ideas" });
    expect((await boards.getBoard(db, teacher, own.id)).title).toBe("Red ideas");
    expect(await statusOf(boards.getBoard(db, a3, own.id))).toBe(404);
    expect(await mayJoinRoom(db, a1, `brainstorm:${own.id}`)).toBe(true);
    expect(await mayJoinRoom(db, teacher, `brainstorm:${own.id}`)).toBe(true);
    expect(await mayJoinRoom(db, actorOf(d.schoolAdminA), `brainstorm:${own.id}`)).toBe(true);
    expect(await mayJoinRoom(db, a3, `brainstorm:${own.id}`)).toBe(false);
    expect(await mayJoinRoom(db, actorOf(d.guardianA1), `brainstorm:${own.id}`)).toBe(false);
    expect(await mayJoinRoom(db, actorOf(d.counselorA), `brainstorm:${own.id}`)).toBe(false);
    expect(await mayJoinRoom(db, actorOf(d.teacherB), `brainstorm:${own.id}`)).toBe(false);
    expect(await mayJoinRoom(db, a1, "brainstorm:not-a-uuid")).toBe(false);
    const classList = await boards.listBoardsOfClass(db, a3, d.classA.id);
    expect(classList.data.map((b) => b.title)).not.toContain("Red ideas");
    expect((await boards.listBoardsOfClass(db, teacher, d.classA.id)).data.map((b) => b.title)).toContain("Red ideas");
  });

  it("hides authors of others' cards from students on an anonymous board, in answers and in events", async () => {
    const { d, board, a1, a2, teacher } = await setup({ anonymous: true });
    const card = await cards.createCard(db, a1, board.id, { text: "Too much rain", x: 100, y: 80 });
    expect(card.mine).toBe(true);
    expect(card.author?.name).toContain("Ada");
    const seenByPeer = (await boards.getBoard(db, a2, board.id)).cards[0]!;
    expect(seenByPeer.author).toBeNull();
    expect(seenByPeer.mine).toBe(false);
    const seenByTeacher = (await boards.getBoard(db, teacher, board.id)).cards[0]!;
    expect(seenByTeacher.author?.id).toBe(d.studentA1.id);
    await cards.moveCard(db, a2, board.id, card.id, { x: 300, y: 200 });
    await cards.updateCard(db, a1, board.id, card.id, { version: 1, text: "Heavy rain" });
    const recorded = await eventsOf(db, d.district.id);
    const cardEvents = recorded.filter((e) => e.type.startsWith("brainstorm.card_"));
    expect(cardEvents.map((e) => e.type)).toEqual(["brainstorm.card_created", "brainstorm.card_moved", "brainstorm.card_updated"]);
    for (const e of cardEvents) {
      expect(e.rooms).toEqual([`brainstorm:${board.id}`]);
      expect((e.payload.card as { author: unknown }).author).toBeNull();
      expect(JSON.stringify(e.payload)).not.toContain(d.studentA1.id);
    }
    // Revealing names shows them to everyone, in answers and in later events.
    await boards.updateBoard(db, teacher, board.id, { revealNames: true });
    expect((await boards.getBoard(db, a2, board.id)).cards[0]!.author?.id).toBe(d.studentA1.id);
    await cards.moveCard(db, a2, board.id, card.id, { x: 10, y: 10 });
    const last = (await eventsOf(db, d.district.id)).at(-1)!;
    expect((last.payload.card as { author: { id: string } }).author.id).toBe(d.studentA1.id);
  });

  it("names authors to everyone on a board that is not anonymous", async () => {
    const { d, board, a1, a2 } = await setup();
    await cards.createCard(db, a1, board.id, { text: "Snow melt" });
    expect((await boards.getBoard(db, a2, board.id)).cards[0]!.author?.id).toBe(d.studentA1.id);
    const created = (await eventsOf(db, d.district.id)).find((e) => e.type === "brainstorm.card_created")!;
    expect((created.payload.card as { author: { id: string } }).author.id).toBe(d.studentA1.id);
  });

  it("makes a frozen board read-only for students, not for teachers", async () => {
    const { board, a1, teacher } = await setup();
    const card = await cards.createCard(db, a1, board.id, { text: "Dams" });
    expect(await statusOf(boards.updateBoard(db, a1, board.id, { frozen: true }))).toBe(403);
    await boards.updateBoard(db, teacher, board.id, { frozen: true });
    const refused = await outcome(cards.createCard(db, a1, board.id, { text: "Late idea" }));
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/froze/);
    expect(await statusOf(cards.updateCard(db, a1, board.id, card.id, { version: 1, text: "x" }))).toBe(403);
    expect(await statusOf(cards.moveCard(db, a1, board.id, card.id, { x: 5, y: 5 }))).toBe(403);
    expect(await statusOf(cards.deleteCard(db, a1, board.id, card.id))).toBe(403);
    expect(await statusOf(cards.setVote(db, a1, board.id, card.id, true))).toBe(403);
    expect(await statusOf(boards.addCluster(db, a1, board.id, "Causes"))).toBe(403);
    expect((await boards.getBoard(db, a1, board.id)).viewer.contribute).toBe(false);
    expect(await statusOf(cards.createCard(db, teacher, board.id, { text: "Teacher's note" }))).toBe(200);
    await boards.updateBoard(db, teacher, board.id, { frozen: false });
    expect(await statusOf(cards.createCard(db, a1, board.id, { text: "Unfrozen" }))).toBe(200);
  });

  it("lets students edit and delete only their own cards; teachers any", async () => {
    const { board, a1, a2, teacher } = await setup();
    const card = await cards.createCard(db, a1, board.id, { text: "Mine" });
    expect(await statusOf(cards.updateCard(db, a2, board.id, card.id, { version: 1, text: "Yours now" }))).toBe(403);
    expect(await statusOf(cards.deleteCard(db, a2, board.id, card.id))).toBe(403);
    // Moving is shared work: anyone may move any card.
    expect(await statusOf(cards.moveCard(db, a2, board.id, card.id, { x: 40, y: 40 }))).toBe(200);
    const edited = await cards.updateCard(db, teacher, board.id, card.id, { version: 1, text: "Fixed spelling", colour: "blue" });
    expect(edited).toMatchObject({ text: "Fixed spelling", colour: "blue", version: 2 });
    await cards.deleteCard(db, teacher, board.id, card.id);
    expect((await boards.getBoard(db, a1, board.id)).cards).toEqual([]);
  });

  it("refuses a stale edit with 409 and the current card; moves are last-writer-wins", async () => {
    const { board, a1, teacher } = await setup();
    const card = await cards.createCard(db, a1, board.id, { text: "First" });
    await cards.updateCard(db, teacher, board.id, card.id, { version: 1, text: "Teacher's wording" });
    try {
      await cards.updateCard(db, a1, board.id, card.id, { version: 1, text: "My wording" });
      expect.unreachable("a stale edit must be refused");
    } catch (error) {
      expect(error).toBeInstanceOf(cards.StaleCard);
      expect((error as cards.StaleCard).current).toMatchObject({ text: "Teacher's wording", version: 2 });
    }
    const m1 = await cards.moveCard(db, a1, board.id, card.id, { x: 100, y: 100 });
    const m2 = await cards.moveCard(db, teacher, board.id, card.id, { x: 500, y: 300 });
    expect(m2.moveSeq).toBe(m1.moveSeq + 1);
    // A move does not bump the text version: an edit in progress is not invalidated by a move.
    expect(m2.version).toBe(2);
    expect((await boards.getBoard(db, a1, board.id)).cards[0]).toMatchObject({ x: 500, y: 300 });
  });

  it("orders cards in columns and moves them between columns", async () => {
    const { d, a1, teacher } = await setup();
    const board = await boards.createBoard(db, teacher, {
      classId: d.classA.id,
      title: "Cols",
      layout: "columns",
      columns: ["Now", "Later"],
    });
    const [now, later] = board.columns;
    const c1 = await cards.createCard(db, a1, board.id, { text: "one" });
    const c2 = await cards.createCard(db, a1, board.id, { text: "two" });
    const c3 = await cards.createCard(db, a1, board.id, { text: "three", columnId: later!.id });
    expect([c1.columnId, c2.columnId, c3.columnId]).toEqual([now!.id, now!.id, later!.id]);
    await cards.moveCard(db, a1, board.id, c2.id, { columnId: later!.id, position: 0 });
    await cards.moveCard(db, a1, board.id, c1.id, { columnId: later!.id, position: 99 });
    const after = await boards.getBoard(db, a1, board.id);
    const inLater = after.cards.filter((c) => c.columnId === later!.id).sort((a, b) => a.position - b.position);
    expect(inLater.map((c) => c.text)).toEqual(["two", "three", "one"]);
    const moved = (await eventsOf(db, d.district.id)).filter((e) => e.type === "brainstorm.card_moved").at(-1)!;
    expect((moved.payload.order as Record<string, string[]>)[later!.id]).toEqual([c2.id, c3.id, c1.id]);
    // A canvas move on a columns board, a column of another board: clear 400s.
    expect(await statusOf(cards.moveCard(db, a1, board.id, c1.id, { x: 1, y: 1 }))).toBe(400);
    const other = await boards.createBoard(db, teacher, { classId: d.classA.id, title: "Other", layout: "columns" });
    expect(await statusOf(cards.moveCard(db, a1, board.id, c1.id, { columnId: other.columns[0]!.id }))).toBe(400);
    // Deleting a column moves its cards to the first remaining one.
    await boards.deleteColumn(db, teacher, board.id, later!.id);
    expect((await boards.getBoard(db, a1, board.id)).cards.every((c) => c.columnId === now!.id)).toBe(true);
    expect(await statusOf(boards.addColumn(db, a1, board.id, "Students can't"))).toBe(403);
  });

  it("groups cards into named clusters and ungroups them when a cluster goes", async () => {
    const { board, a1, a2 } = await setup();
    const card = await cards.createCard(db, a1, board.id, { text: "Rain" });
    const [cluster] = await boards.addCluster(db, a2, board.id, "Weather");
    await cards.moveCard(db, a2, board.id, card.id, { clusterId: cluster!.id });
    expect((await boards.getBoard(db, a1, board.id)).cards[0]!.clusterId).toBe(cluster!.id);
    await boards.renameCluster(db, a1, board.id, cluster!.id, "Climate");
    await boards.deleteCluster(db, a1, board.id, cluster!.id);
    const after = await boards.getBoard(db, a1, board.id);
    expect(after.clusters).toEqual([]);
    expect(after.cards[0]!.clusterId).toBeNull();
  });

  it("keeps each person within the board's votes, counts them and reports votes left", async () => {
    const { d, board, a1, a2, teacher } = await setup({ votesPerPerson: 2 });
    const ids = [];
    for (const text of ["a", "b", "c"]) ids.push((await cards.createCard(db, a1, board.id, { text })).id);
    const [x, y, z] = ids as [string, string, string];
    expect(await cards.setVote(db, a2, board.id, x, true)).toMatchObject({ votes: 1, myVote: true, votesLeft: 1 });
    // Voting twice for the same card changes nothing.
    expect(await cards.setVote(db, a2, board.id, x, true)).toMatchObject({ votes: 1, votesLeft: 1 });
    await cards.setVote(db, a2, board.id, y, true);
    const refused = await outcome(cards.setVote(db, a2, board.id, z, true));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(/used all 2/);
    // Concurrent votes cannot overshoot the limit.
    await Promise.allSettled([
      cards.setVote(db, a1, board.id, x, true),
      cards.setVote(db, a1, board.id, y, true),
      cards.setVote(db, a1, board.id, z, true),
    ]);
    const afterRace = await boards.getBoard(db, a1, board.id);
    expect(afterRace.viewer.votesUsed).toBe(2);
    // Which two of a1's three votes won the race is up to the database: x keeps a1's vote if it won.
    const a1OnX = afterRace.cards.find((c) => c.id === x)?.myVote ? 1 : 0;
    expect(await cards.setVote(db, a2, board.id, x, false)).toMatchObject({ votes: a1OnX, myVote: false, votesLeft: 1 });
    const seen = await boards.getBoard(db, a2, board.id);
    expect(seen.viewer.votesLeft).toBe(1);
    expect(seen.cards.find((c) => c.id === y)).toMatchObject({ myVote: true });
    const voteEvents = (await eventsOf(db, d.district.id)).filter((e) => e.type === "brainstorm.votes_changed");
    expect(voteEvents.every((e) => Object.keys(e.payload).sort().join() === "boardId,cardId,votes")).toBe(true);
    await boards.updateBoard(db, teacher, board.id, { votesPerPerson: 0 });
    expect(await statusOf(cards.setVote(db, a2, board.id, z, true))).toBe(400);
  });

  it("turns a board into a discussion thread with cards listed by section, without hidden authors", async () => {
    const { board, a1, a2, teacher } = await setup({ anonymous: true });
    const [cluster] = await boards.addCluster(db, teacher, board.id, "Causes <b>");
    const rain = await cards.createCard(db, a1, board.id, { text: "Rain <script>alert(1)</script>" });
    await cards.createCard(db, a2, board.id, { text: "Loose idea" });
    await cards.moveCard(db, a1, board.id, rain.id, { clusterId: cluster!.id });
    await cards.setVote(db, a2, board.id, rain.id, true);
    const { d } = await setup();
    // The real discussions service: an unknown discussion board is 404, a board of another class too.
    expect(await statusOf(convert.convertToThread(db, teacher, board.id, { discussionBoardId: board.id, title: "Our ideas" }))).toBe(404);
    expect(await statusOf(convert.convertToThread(db, a1, board.id, { discussionBoardId: board.id, title: "x" }))).toBe(403);
    const discussionBoard = await discussions.createBoard(db, teacher, { classId: board.classId, title: "Flood talk" });
    const result = await convert.convertToThread(db, teacher, board.id, { discussionBoardId: discussionBoard.id, title: "Our ideas" });
    const [opening] = await db
      .select({ body: discussionPosts.body })
      .from(discussionPosts)
      .where(eq(discussionPosts.threadId, result.threadId!));
    const body = opening!.body;
    expect(body).toContain("<h3>Causes &lt;b&gt;</h3>");
    expect(body).toContain("Rain &lt;script&gt;alert(1)&lt;/script&gt; <em>(1 vote)</em>");
    expect(body.indexOf("Causes")).toBeLessThan(body.indexOf("Other ideas"));
    expect(body).not.toContain("Ada");
    const otherClass = await discussions.createBoard(db, actorOf(d.teacherA), { classId: d.classA.id, title: "Elsewhere" });
    expect(await statusOf(convert.convertToThread(db, teacher, board.id, { discussionBoardId: otherClass.id, title: "x" }))).toBe(404);
  });
});

describe("turning a group's board into its task board", () => {
  it("adds every card to the group's task board for a member, and refuses others", async () => {
    const { buildTaskFixture } = await import("../tasks/test-helpers.js");
    const d: TestDistrict = await buildDistrict(db);
    const f = await buildTaskFixture(db, d);
    const a1 = actorOf(d.studentA1);
    const own = await boards.createBoard(db, a1, {
      classId: d.classA.id,
      groupId: f.red.id,
      title: "Plan",
      layout: "columns",
      columns: ["Do", "Ask"],
    });
    await cards.createCard(db, a1, own.id, { text: "Measure the depth" });
    await cards.createCard(db, actorOf(d.studentA2), own.id, { text: "Who has boots?", columnId: own.columns[1]!.id });
    expect(await statusOf(convert.convertToTask(db, actorOf(d.teacherA), own.id, { taskId: f.task.id }))).toBe(403);
    const result = await convert.convertToTask(db, a1, own.id, { taskId: f.task.id });
    expect(result.taskCards).toBe(2);
    const { getSpace } = await import("../tasks/space.service.js");
    const space = await getSpace(db, a1, f.task.id, f.red.id);
    expect(space.cards.map((c) => c.title).sort()).toEqual(["Measure the depth", "Who has boots?"]);
    expect(space.cards.find((c) => c.title === "Who has boots?")?.notes).toContain("Ask");
  });
});
