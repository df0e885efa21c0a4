import type { TBrainstormConversion, TBrainstormToTask, TBrainstormToThread } from "@stoa/contracts";
import { ZBrainstormToTask, ZBrainstormToThread, taskLimits } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { badRequest } from "../../platform/errors.js";
import { createCard as createTaskCard } from "../tasks/board.service.js";
import { getSpace } from "../tasks/space.service.js";
import { canConvertToTask, canTeach, namesPublic } from "./brainstorm.policy.js";
import { refuse, requireBoard } from "./brainstorm.access.js";
import * as repo from "./brainstorm.repository.js";
import { createThread } from "../discussions/discussions.service.js";

/** One section of the result: a column's or a cluster's cards (most votes first within clusters). */
export interface ResultSection {
  heading: string;
  cards: { text: string; votes: number; author: string | null }[];
}

/**
 * The board's cards in sections: by column on a columns board (in column order), by cluster on a
 * canvas (clusters first, then the cards in none); authors only when names are public on the board.
 */
export async function boardSections(
  db: Db,
  boardRows: repo.BoardRow,
  viewerId: string,
): Promise<{ title: string; sections: ResultSection[] }> {
  const boardId = boardRows.id;
  const [columns, clusters, cards] = await Promise.all([
    repo.listColumns(db, boardId),
    repo.listClusters(db, boardId),
    repo.listCards(db, boardId, viewerId),
  ]);
  const named = namesPublic(boardRows);
  const toItem = (c: repo.CardWithVotes) => ({ text: c.card.text, votes: c.votes, author: named ? c.authorName : null });
  const sections: ResultSection[] = [];
  if (boardRows.layout === "columns") {
    for (const column of columns)
      sections.push({ heading: column.title, cards: cards.filter((c) => c.card.columnId === column.id).map(toItem) });
  } else {
    const byVotes = (a: repo.CardWithVotes, b: repo.CardWithVotes) => b.votes - a.votes;
    for (const cluster of clusters)
      sections.push({
        heading: cluster.label,
        cards: cards
          .filter((c) => c.card.clusterId === cluster.id)
          .sort(byVotes)
          .map(toItem),
      });
    const loose = cards.filter((c) => !c.card.clusterId).sort(byVotes);
    if (loose.length > 0) sections.push({ heading: clusters.length > 0 ? "Other ideas" : "Ideas", cards: loose.map(toItem) });
  }
  return { title: boardRows.title, sections: sections.filter((s) => s.cards.length > 0) };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The thread's opening post: the board's sections as headings and lists (card text escaped; the discussions service sanitises again). */
export function sectionsToHtml(title: string, sections: ResultSection[]): string {
  const votes = (n: number) => (n === 0 ? "" : ` <em>(${n} ${n === 1 ? "vote" : "votes"})</em>`);
  const parts = [`<p>The results of the brainstorm board <strong>${escapeHtml(title)}</strong>.</p>`];
  for (const section of sections) {
    parts.push(`<h3>${escapeHtml(section.heading)}</h3>`, "<ul>");
    for (const card of section.cards)
      parts.push(`<li>${escapeHtml(card.text)}${card.author ? ` — ${escapeHtml(card.author)}` : ""}${votes(card.votes)}</li>`);
    parts.push("</ul>");
  }
  return parts.join("");
}

/** Turns the board into a discussion thread on a discussion board (the class's teachers). */
export async function convertToThread(db: Db, actor: Actor, boardId: string, raw: TBrainstormToThread): Promise<TBrainstormConversion> {
  const input = ZBrainstormToThread.parse(raw);
  const access = await requireBoard(db, actor, boardId);
  if (!canTeach(access.relation)) throw refuse(access, "Only the class's teachers can turn a board into a discussion thread.");
  const { title, sections } = await boardSections(db, access.board, actor.userId);
  if (sections.length === 0) throw badRequest("The board has no cards yet: there is nothing to discuss.");
  // The discussions service checks that the teacher may start a thread on that board (404 otherwise).
  const thread = await createThread(db, actor, {
    boardId: input.discussionBoardId,
    title: input.title,
    body: sectionsToHtml(title, sections),
  });
  return { threadId: thread.id, taskCards: 0 };
}

/**
 * Adds the board's cards to the group's task board (members of the group; the task service lets
 * only members add cards). Each card's text becomes a task card (title up to 200 characters, the
 * rest and its column or cluster in the notes). The task service commits card by card, so the
 * room left on the task board is checked first.
 */
export async function convertToTask(db: Db, actor: Actor, boardId: string, raw: TBrainstormToTask): Promise<TBrainstormConversion> {
  const input = ZBrainstormToTask.parse(raw);
  const access = await requireBoard(db, actor, boardId);
  if (!canConvertToTask(access.relation, access.board, access.isMember) || !access.board.groupId)
    throw refuse(access, "Only the members of this board's group can turn it into their task board.");
  const groupId = access.board.groupId;
  const space = await getSpace(db, actor, input.taskId, groupId);
  if (!space.viewer.canEdit) throw badRequest("This task's group space can no longer be changed (the deadline has passed).");
  const { sections } = await boardSections(db, access.board, actor.userId);
  const items = sections.flatMap((s) => s.cards.map((c) => ({ ...c, heading: s.heading })));
  if (items.length === 0) throw badRequest("The board has no cards yet: there is nothing to add.");
  if (space.cards.length + items.length > taskLimits.cardsPerGroup)
    throw badRequest(`The task board would hold more than ${taskLimits.cardsPerGroup} cards; remove finished ones first.`);
  for (const item of items) {
    const title = item.text.length > 200 ? `${item.text.slice(0, 199)}…` : item.text;
    const notes = [item.text.length > 200 ? item.text : "", `From the brainstorm: ${item.heading}`].filter(Boolean).join("\n\n");
    await createTaskCard(db, actor, input.taskId, groupId, { title, notes });
  }
  return { threadId: null, taskCards: items.length };
}
