import { and, eq, inArray } from "drizzle-orm";
import type { TArtifactCreate, TArtifactQuery, TArtifactUpdate, TReflectionCreate, TReflectionUpdate } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { portfolioArtifacts, portfolioReflections } from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";
import { badRequest, forbidden, notFound } from "../../platform/errors.js";
import { sanitizeRichText } from "../../platform/rich-text.js";
import type { FileStorage } from "../../platform/storage.js";
import * as repo from "./artifacts.repository.js";
import { requirePortfolioKeeper } from "./portfolio.policy.js";
import { presentArtifact, presentReflection } from "./portfolio.presenter.js";
import { getViewableArtifact, getViewablePage } from "./sharing.access.js";

/** The caller's own and co-owned artifacts, a page at a time. */
export async function listArtifacts(db: Db, actor: Actor, query: TArtifactQuery) {
  const { rows, total } = await repo.listOwnArtifacts(db, actor, query);
  return { items: rows.map((r) => presentArtifact(r)), total, page: query.page, pageSize: query.pageSize };
}

/** The distinct tags and skills of the caller's artifacts. */
export function listLabels(db: Db, actor: Actor) {
  return repo.listLabels(db, actor);
}

/** One artifact the caller may see (owned, or on a page they may see); 404 otherwise. */
export async function getArtifact(db: DbOrTx, actor: Actor, id: string) {
  const access = await getViewableArtifact(db, actor, id);
  if (!access) throw notFound("Artifact");
  const [row] = await repo.findArtifacts(db, eq(portfolioArtifacts.id, id));
  if (!row) throw notFound("Artifact");
  return {
    data: presentArtifact(row),
    policies: { canEdit: access.isOwner, canDelete: access.ownerId === actor.userId, canComment: access.canComment },
  };
}

/**
 * Kinds of Stoa work that can be pulled in, each with its check that the student may see the
 * source. "text" is text the student copied from anything they can see in Stoa (optionally naming
 * the class); later areas (group task submissions, discussion posts, boards) add their own kind.
 */
const stoaSources: Record<string, (db: DbOrTx, actor: Actor, source: TArtifactCreate & { kind: "stoa" }) => Promise<boolean>> = {
  text: async (db, actor, input) => (input.source.classId ? repo.isEnrolled(db, actor.userId, input.source.classId) : true),
};

/** Adds an artifact to the caller's library (students only). */
export async function createArtifact(db: Db, actor: Actor, input: TArtifactCreate) {
  requirePortfolioKeeper(actor);
  const coOwnerIds = await checkCoOwners(db, actor, input.coOwnerIds);
  const common = {
    districtId: actor.districtId,
    ownerId: actor.userId,
    coOwnerIds,
    kind: input.kind,
    title: input.title,
    description: input.description,
    tags: dedupe(input.tags),
    skills: dedupe(input.skills),
    occurredOn: input.occurredOn,
  };
  let values: typeof portfolioArtifacts.$inferInsert;
  if (input.kind === "file") {
    if (!(await repo.findOwnFile(db, actor, input.fileId)))
      throw badRequest("That file was not found; upload it again", [{ path: "fileId", message: "Upload the file first" }]);
    values = { ...common, fileId: input.fileId };
  } else if (input.kind === "link") {
    values = { ...common, url: input.url };
  } else if (input.kind === "text") {
    values = { ...common, body: requireText(input.body) };
  } else {
    const check = stoaSources[input.source.type];
    if (!check) throw badRequest("This kind of Stoa work cannot be added yet", [{ path: "source.type", message: "Choose text from Stoa" }]);
    if (!(await check(db, actor, input)))
      throw badRequest("You can only add work from your own classes", [{ path: "source.classId", message: "Choose one of your classes" }]);
    const text = input.source.text === null ? null : sanitizeRichText(input.source.text);
    values = {
      ...common,
      body: text,
      source: {
        type: input.source.type,
        id: input.source.id,
        classId: input.source.classId,
        title: input.source.title,
        capturedAt: new Date().toISOString(),
        text,
      },
    };
  }
  const { id } = await repo.insertArtifact(db, values);
  return getArtifact(db, actor, id);
}

/** Edits an artifact the caller owns or co-owns; only the first owner changes who co-owns it. */
export async function updateArtifact(db: Db, actor: Actor, id: string, input: TArtifactUpdate) {
  const access = await getViewableArtifact(db, actor, id);
  if (!access) throw notFound("Artifact");
  if (!access.isOwner) throw forbidden("Only the artifact's owners can change it");
  const [current] = await repo.findArtifacts(db, eq(portfolioArtifacts.id, id));
  if (!current) throw notFound("Artifact");
  const values: Partial<typeof portfolioArtifacts.$inferInsert> = {};
  if (input.title !== undefined) values.title = input.title;
  if (input.description !== undefined) values.description = input.description;
  if (input.tags !== undefined) values.tags = dedupe(input.tags);
  if (input.skills !== undefined) values.skills = dedupe(input.skills);
  if (input.occurredOn !== undefined) values.occurredOn = input.occurredOn;
  if (input.body !== undefined) {
    if (current.kind !== "text")
      throw badRequest("Only text artifacts have text to edit", [{ path: "body", message: "Not a text artifact" }]);
    values.body = requireText(input.body);
  }
  if (input.url !== undefined) {
    if (current.kind !== "link")
      throw badRequest("Only link artifacts have a web address", [{ path: "url", message: "Not a link artifact" }]);
    values.url = input.url;
  }
  if (input.coOwnerIds !== undefined) {
    if (access.ownerId !== actor.userId) throw forbidden("Only the person who added the artifact can change who shares it");
    values.coOwnerIds = await checkCoOwners(db, actor, input.coOwnerIds);
  }
  await repo.updateArtifact(db, id, values);
  return getArtifact(db, actor, id);
}

/** Deletes an artifact the caller added; its file goes too unless something else still holds it. */
export async function deleteArtifact(db: Db, storage: FileStorage, actor: Actor, id: string) {
  const access = await getViewableArtifact(db, actor, id);
  if (!access) throw notFound("Artifact");
  if (access.ownerId !== actor.userId) throw forbidden("Only the person who added the artifact can delete it");
  const key = await db.transaction(async (tx) => {
    const fileId = await repo.deleteArtifact(tx, id);
    return fileId ? repo.deleteUnusedFile(tx, fileId) : null;
  });
  // The row is gone first: a crash here leaves an orphan object, never a row pointing at nothing.
  if (key) await storage.delete(key);
}

async function checkCoOwners(db: DbOrTx, actor: Actor, ids: string[]): Promise<string[]> {
  const others = dedupe(ids).filter((id) => id !== actor.userId);
  if ((await repo.countClassmates(db, actor.userId, others)) !== others.length) {
    throw badRequest("Group work can only be shared with classmates", [
      { path: "coOwnerIds", message: "Choose students from your classes" },
    ]);
  }
  return others;
}

function requireText(html: string): string {
  const clean = sanitizeRichText(html);
  if (clean.replace(/<[^>]*>/g, "").trim().length === 0)
    throw badRequest("Write some text first", [{ path: "body", message: "The text is empty" }]);
  return clean;
}

const dedupe = (items: string[]) => [...new Set(items)];

// ---------- reflections ----------

type Target = { type: "artifact" | "page"; id: string };

/** Who may see a target's reflections and who owns it; 404 when the caller may not see it. */
async function targetAccess(db: DbOrTx, actor: Actor, target: Target) {
  if (target.type === "artifact") {
    const access = await getViewableArtifact(db, actor, target.id);
    if (!access) throw notFound("Artifact");
    return { isOwner: access.isOwner, authorIds: access.ownerIds };
  }
  const access = await getViewablePage(db, actor, target.id);
  if (!access) throw notFound("Page");
  return { isOwner: access.isOwner, authorIds: [access.ownerId] };
}

const targetColumn = (target: Target) => (target.type === "artifact" ? portfolioReflections.artifactId : portfolioReflections.pageId);

/** The owners' reflections on an artifact or page the caller may see. */
export async function listReflections(db: Db, actor: Actor, target: Target) {
  const access = await targetAccess(db, actor, target);
  const rows = await repo.findReflections(
    db,
    and(eq(targetColumn(target), target.id), inArray(portfolioReflections.authorId, access.authorIds)),
  );
  return rows.map(presentReflection);
}

/** Writes a reflection on the caller's own artifact or page, optionally answering a teacher's prompt. */
export async function createReflection(db: Db, actor: Actor, target: Target, input: TReflectionCreate) {
  const access = await targetAccess(db, actor, target);
  if (!access.isOwner) throw forbidden("Only the owner can reflect on this");
  let promptText: string | null = null;
  if (input.promptId) {
    const prompt = await repo.findPromptForMember(db, actor.userId, input.promptId);
    if (!prompt)
      throw badRequest("That prompt is not one of your teachers' prompts", [
        { path: "promptId", message: "Choose a prompt from your classes" },
      ]);
    promptText = prompt.text;
  }
  const body = requireText(input.body);
  const { id } = await repo.insertReflection(db, {
    districtId: actor.districtId,
    authorId: actor.userId,
    artifactId: target.type === "artifact" ? target.id : null,
    pageId: target.type === "page" ? target.id : null,
    promptId: input.promptId,
    promptText,
    body,
  });
  const [row] = await repo.findReflections(db, eq(portfolioReflections.id, id));
  if (!row) throw notFound("Reflection");
  return presentReflection(row);
}

async function ownReflection(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await repo.findReflections(
    db,
    and(
      eq(portfolioReflections.id, id),
      eq(portfolioReflections.authorId, actor.userId),
      eq(portfolioReflections.districtId, actor.districtId),
    ),
  );
  if (!row) throw notFound("Reflection");
  return row;
}

/** Edits the caller's own reflection. */
export async function updateReflection(db: Db, actor: Actor, id: string, input: TReflectionUpdate) {
  await ownReflection(db, actor, id);
  await repo.updateReflection(db, id, requireText(input.body));
  const [row] = await repo.findReflections(db, eq(portfolioReflections.id, id));
  if (!row) throw notFound("Reflection");
  return presentReflection(row);
}

/** Deletes the caller's own reflection. */
export async function deleteReflection(db: Db, actor: Actor, id: string) {
  await ownReflection(db, actor, id);
  await repo.deleteReflection(db, id);
}
