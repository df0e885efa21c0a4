import type { TArtifactFromBrainstorm, TArtifactFromDiscussionPost } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { badRequest, notFound } from "../../platform/errors.js";
import { sanitizeRichText } from "../../platform/rich-text.js";
import { requireBoard as requireBrainstormBoard } from "../brainstorm/brainstorm.access.js";
import { boardSections, sectionsToHtml } from "../brainstorm/convert.service.js";
import * as discussions from "../discussions/discussions.repository.js";
import { listMembersOfGroups } from "../groups/groups.repository.js";
import * as repo from "./artifacts.repository.js";
import { getArtifact } from "./artifacts.service.js";
import { requirePortfolioKeeper } from "./portfolio.policy.js";

/**
 * Adds a snapshot of one of the caller's own discussion posts (published, not deleted or hidden) to
 * their portfolio: the body sanitised again, with the thread's title. Anyone else's post, a post the
 * caller cannot see, a pending, deleted or hidden one: 404 as if it did not exist. Later edits of the
 * post do not change the artifact.
 */
export async function createArtifactFromDiscussionPost(db: Db, actor: Actor, input: TArtifactFromDiscussionPost) {
  requirePortfolioKeeper(actor);
  const threadId = await discussions.threadOfPost(db, actor.districtId, input.postId);
  if (!threadId) throw notFound("Post");
  // The discussions module decides who reads the thread and which of its posts (404 otherwise).
  const found = await discussions.findThread(db, actor, threadId);
  if (!found) throw notFound("Post");
  const row = await discussions.findVisiblePost(db, actor, input.postId, found.role);
  const post = row?.post;
  if (!post || post.authorId !== actor.userId || post.status !== "published" || post.deletedAt || post.hiddenAt) throw notFound("Post");
  const text = sanitizeRichText(post.body);
  const { id } = await repo.insertArtifact(db, {
    districtId: actor.districtId,
    ownerId: actor.userId,
    coOwnerIds: [],
    kind: "stoa",
    title: input.title ?? found.thread.title,
    description: "",
    tags: [],
    skills: [],
    occurredOn: null,
    body: text,
    source: {
      type: "discussionPost",
      id: post.id,
      classId: found.board.classId,
      title: found.thread.title,
      capturedAt: new Date().toISOString(),
      text,
    },
  });
  return getArtifact(db, actor, id);
}

/**
 * Adds a snapshot of a brainstorm board the caller can see: its cards by column or cluster with their
 * votes, authors only when names are public on the board (never on an anonymous board that has not
 * revealed them). A group board is group work: the group's other members become co-owners.
 */
export async function createArtifactFromBrainstorm(db: Db, actor: Actor, input: TArtifactFromBrainstorm) {
  requirePortfolioKeeper(actor);
  const access = await requireBrainstormBoard(db, actor, input.boardId);
  const { title, sections } = await boardSections(db, access.board, actor.userId);
  if (sections.length === 0) throw badRequest("The board has no cards yet: add some ideas first, then add it to your portfolio.");
  const text = sanitizeRichText(sectionsToHtml(title, sections));
  const groupId = access.board.groupId;
  const coOwnerIds =
    groupId && access.isMember ? (await listMembersOfGroups(db, [groupId])).map((m) => m.userId).filter((id) => id !== actor.userId) : [];
  const { id } = await repo.insertArtifact(db, {
    districtId: actor.districtId,
    ownerId: actor.userId,
    coOwnerIds,
    kind: "stoa",
    title: input.title ?? (access.groupName ? `${title} (${access.groupName})` : title),
    description: "",
    tags: [],
    skills: [],
    occurredOn: null,
    body: text,
    source: {
      type: "brainstormBoard",
      id: access.board.id,
      classId: access.board.classId,
      title,
      capturedAt: new Date().toISOString(),
      text,
    },
  });
  return getArtifact(db, actor, id);
}
