import type { TPageLayout, TPromptCreate, TTemplate, TTemplateCopy, TTemplateCreate } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { adminSchools, type Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { sanitizeRichText } from "../../platform/rich-text.js";
import { createCollection } from "./collections.service.js";
import { cleanLayout } from "./layout.js";
import { createPage } from "./pages.service.js";
import { requirePortfolioKeeper } from "./portfolio.policy.js";
import * as repo from "./templates.repository.js";

const iso = (value: Date | string) => new Date(value).toISOString();
const teachingRoles = new Set(["teacher", "administrator"]);

/**
 * The caller's relation to a class: "teach" (teacher of it, or admin of its school), "member"
 * (enrolled otherwise, e.g. a student), or 404 when they have nothing to do with it.
 */
async function classRelation(db: DbOrTx, actor: Actor, classId: string): Promise<"teach" | "member"> {
  const found = await repo.findClassMembership(db, actor.districtId, actor.userId, classId);
  if (!found) throw notFound("Class");
  const admin = adminSchools(actor);
  if ((found.role && teachingRoles.has(found.role)) || admin === null || admin.includes(found.schoolId)) return "teach";
  if (found.role) return "member";
  throw notFound("Class");
}

async function requireTeacher(db: DbOrTx, actor: Actor, classId: string) {
  if ((await classRelation(db, actor, classId)) !== "teach") throw forbidden("Only the class's teachers can do that");
}

const presentPrompt = (row: Awaited<ReturnType<typeof repo.listClassPrompts>>[number]) => ({ ...row, createdAt: iso(row.createdAt) });

/** Prompts of every class the caller is in (what a student sees when reflecting). */
export async function listMyPrompts(db: Db, actor: Actor) {
  return (await repo.listMyPrompts(db, actor)).map(presentPrompt);
}

/** A class's prompts, for its members and teachers. */
export async function listClassPrompts(db: Db, actor: Actor, classId: string) {
  await classRelation(db, actor, classId);
  return (await repo.listClassPrompts(db, classId)).map(presentPrompt);
}

/** Adds a reflection prompt to a class (its teachers). */
export async function createPrompt(db: Db, actor: Actor, classId: string, input: TPromptCreate) {
  await requireTeacher(db, actor, classId);
  const { id } = await repo.insertPrompt(db, { districtId: actor.districtId, classId, text: input.text, createdBy: actor.userId });
  const created = (await repo.listClassPrompts(db, classId)).find((p) => p.id === id);
  if (!created) throw notFound("Prompt");
  return presentPrompt(created);
}

/** Removes a prompt (its teachers); reflections that answered it keep its words. */
export async function deletePrompt(db: Db, actor: Actor, id: string) {
  const prompt = await repo.findPrompt(db, actor.districtId, id);
  if (!prompt) throw notFound("Prompt");
  await requireTeacher(db, actor, prompt.classId);
  await repo.archivePrompt(db, id);
}

const presentTemplate = (row: repo.TemplateRow): TTemplate => ({
  ...row,
  pages: row.pages as TTemplate["pages"],
  createdAt: iso(row.createdAt),
});

/** Templates of every class the caller is in. */
export async function listMyTemplates(db: Db, actor: Actor) {
  return (await repo.listMyTemplates(db, actor)).map(presentTemplate);
}

/** A class's templates, for its members and teachers. */
export async function listClassTemplates(db: Db, actor: Actor, classId: string) {
  await classRelation(db, actor, classId);
  return (await repo.listClassTemplates(db, classId)).map(presentTemplate);
}

/** Creates a template page or collection for a class (its teachers). */
export async function createTemplate(db: Db, actor: Actor, classId: string, input: TTemplateCreate) {
  await requireTeacher(db, actor, classId);
  const pages = input.pages.map((p) => ({ title: p.title, layout: cleanLayout(p.layout, sanitizeRichText) }));
  const id = await db.transaction(async (tx) => {
    const row = await repo.insertTemplate(tx, {
      districtId: actor.districtId,
      classId,
      kind: input.kind,
      title: input.title,
      description: input.description,
      purpose: input.purpose,
      pages,
      createdBy: actor.userId,
    });
    await audit(tx, actor, {
      action: "portfolio.template.create",
      targetType: "class",
      targetId: classId,
      details: { templateId: row.id },
    });
    return row.id;
  });
  const created = await repo.findTemplate(db, actor.districtId, id);
  if (!created) throw notFound("Template");
  return presentTemplate(created);
}

/** Removes a template (its teachers); pages students already copied stay theirs. */
export async function deleteTemplate(db: Db, actor: Actor, id: string) {
  const template = await repo.findTemplate(db, actor.districtId, id);
  if (!template) throw notFound("Template");
  await requireTeacher(db, actor, template.classId);
  await repo.archiveTemplate(db, id);
}

/** Copies a template of one of the caller's classes into their own page or collection. */
export async function copyTemplate(db: Db, actor: Actor, id: string): Promise<TTemplateCopy> {
  requirePortfolioKeeper(actor);
  const template = await repo.findTemplate(db, actor.districtId, id);
  if (!template) throw notFound("Template");
  await classRelation(db, actor, template.classId);
  const pages = template.pages as { title: string; layout: TPageLayout }[];
  const pageIds: string[] = [];
  for (const page of pages) {
    const created = await createPage(
      db,
      actor,
      { title: page.title, description: "", purpose: template.purpose, layout: page.layout },
      template.id,
    );
    pageIds.push(created.data.id);
  }
  if (template.kind === "page") return { kind: "page", id: pageIds[0] as string, pageIds };
  const collection = await createCollection(
    db,
    actor,
    { title: template.title, description: template.description, purpose: template.purpose, pageIds },
    template.id,
  );
  return { kind: "collection", id: collection.id, pageIds };
}
