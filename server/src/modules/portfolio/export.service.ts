import { Readable } from "node:stream";
import yazl from "yazl";
import type { TSnapshot } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import type { portfolioFiles } from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { notFound } from "../../platform/errors.js";
import type { FileStorage } from "../../platform/storage.js";
import { safeFileName } from "../../platform/downloads.js";
import * as repo from "./export.repository.js";
import {
  escapeHtml,
  htmlDocument,
  renderArtifact,
  renderComments,
  renderLayout,
  renderReflections,
  safeRichText,
  type RenderArtifact,
  type RenderComment,
  type RenderLayout,
} from "./export.html.js";
import { buildLeap2a, type LeapEntry } from "./leap2a.js";
import { fromHundredths, toHundredths } from "./rubrics.points.js";

type FileRow = typeof portfolioFiles.$inferSelect;

/** Everything of one person's portfolio, loaded once (a few queries, no N+1). */
async function loadPortfolio(db: Db, actor: Actor) {
  const ownerName = await repo.findOwnerName(db, actor.districtId, actor.userId);
  if (ownerName === null) throw notFound("Portfolio");
  const [artifacts, pages, collections, reflections, submissions, snapshotFiles] = await Promise.all([
    repo.listArtifacts(db, actor.districtId, actor.userId),
    repo.listPages(db, actor.districtId, actor.userId),
    repo.listCollections(db, actor.districtId, actor.userId),
    repo.listReflections(db, actor.districtId, actor.userId),
    repo.listSubmissions(db, actor.districtId, actor.userId),
    repo.listSnapshotFiles(db, actor.districtId, actor.userId),
  ]);
  const comments = await repo.listComments(
    db,
    actor.districtId,
    pages.map((p) => p.id),
    artifacts.map((a) => a.artifact.id),
  );
  const files = new Map<string, FileRow>();
  for (const { file } of artifacts) if (file) files.set(file.id, file);
  for (const { file } of snapshotFiles) files.set(file.id, file);
  return { ownerName, artifacts, pages, collections, reflections, submissions, comments, files };
}
type Portfolio = Awaited<ReturnType<typeof loadPortfolio>>;

/** Where a file sits in the archive (relative to the archive's root). */
const filePath = (file: FileRow) => `files/${file.id}/${safeFileName(file.fileName)}`;
const rasterImage = (file: FileRow) => file.inline && /^image\/(png|jpeg|gif|webp)$/.test(file.mediaType);

function toRenderArtifact(row: Portfolio["artifacts"][number], prefix: string): RenderArtifact {
  const { artifact: a, file: f } = row;
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    description: a.description,
    body: a.body ?? a.source?.text ?? null,
    url: a.url,
    tags: a.tags,
    skills: a.skills,
    occurredOn: a.occurredOn,
    file: f
      ? { id: f.id, name: f.fileName, mediaType: f.mediaType, sizeBytes: f.sizeBytes, href: prefix + filePath(f), image: rasterImage(f) }
      : null,
  };
}

function commentsOn(portfolio: Portfolio, target: { pageId?: string; artifactId?: string }): RenderComment[] {
  return portfolio.comments
    .filter(({ comment: c }) => (target.pageId ? c.pageId === target.pageId : c.artifactId === target.artifactId))
    .map(({ comment: c, authorName }) => ({
      id: c.id,
      parentId: c.parentId,
      authorName,
      body: c.body,
      createdAt: c.createdAt.toISOString(),
      resolved: c.resolvedAt !== null,
    }));
}

function reflectionsOn(portfolio: Portfolio, target: { pageId?: string; artifactId?: string }) {
  return portfolio.reflections
    .filter((r) => (target.pageId ? r.pageId === target.pageId : r.artifactId === target.artifactId))
    .map((r) => ({ promptText: r.promptText, body: r.body, createdAt: r.createdAt.toISOString() }));
}

const list = (items: string[], empty: string) =>
  items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>` : `<p>${empty}</p>`;
const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** The archive's HTML documents by path: index, pages, collections, artifacts, assessments. */
export function renderArchive(portfolio: Portfolio, exportedAt: Date): Map<string, string> {
  const docs = new Map<string, string>();
  const artifactsForPages = new Map(portfolio.artifacts.map((row) => [row.artifact.id, toRenderArtifact(row, "../")]));
  for (const page of portfolio.pages) {
    const body = [
      `<h1>${escapeHtml(page.title)}</h1>`,
      page.description ? `<p>${escapeHtml(page.description)}</p>` : "",
      `<p class="meta">Purpose: ${escapeHtml(page.purpose)}</p>`,
      renderLayout(page.layout as RenderLayout, artifactsForPages, (id) => `../artifacts/${id}.html`),
      renderReflections(reflectionsOn(portfolio, { pageId: page.id })),
      renderComments(commentsOn(portfolio, { pageId: page.id })),
    ].join("\n");
    docs.set(`pages/${page.id}.html`, htmlDocument(page.title, body, "../"));
  }
  for (const row of portfolio.artifacts) {
    const body = [
      renderArtifact(toRenderArtifact(row, "../"), { headingLevel: 2 }),
      renderReflections(reflectionsOn(portfolio, { artifactId: row.artifact.id })),
      renderComments(commentsOn(portfolio, { artifactId: row.artifact.id })),
    ].join("\n");
    docs.set(`artifacts/${row.artifact.id}.html`, htmlDocument(row.artifact.title, `<h1>Artifact</h1>${body}`, "../"));
  }
  const pageTitles = new Map(portfolio.pages.map((p) => [p.id, p.title]));
  for (const { collection, pageIds } of portfolio.collections) {
    const items = pageIds.filter((id) => pageTitles.has(id)).map((id) => link(`../pages/${id}.html`, pageTitles.get(id)!));
    const body = `<h1>${escapeHtml(collection.title)}</h1>${collection.description ? `<p>${escapeHtml(collection.description)}</p>` : ""}<ol>${items.map((i) => `<li>${i}</li>`).join("")}</ol>`;
    docs.set(`collections/${collection.id}.html`, htmlDocument(collection.title, body, "../"));
  }
  for (const { submission, assessmentTitle, scores } of portfolio.submissions) {
    docs.set(
      `assessments/${submission.id}.html`,
      htmlDocument(assessmentTitle, renderSubmission(portfolio, submission, assessmentTitle, scores), "../"),
    );
  }
  const index = [
    `<h1>${escapeHtml(portfolio.ownerName)}'s portfolio</h1>`,
    `<p class="meta">Exported from Stoa on ${escapeHtml(exportedAt.toISOString().slice(0, 10))}. This copy works offline and runs no scripts.</p>`,
    `<h2>Collections</h2>`,
    list(
      portfolio.collections.map(({ collection }) => link(`collections/${collection.id}.html`, collection.title)),
      "No collections.",
    ),
    `<h2>Pages</h2>`,
    list(
      portfolio.pages.map((p) => link(`pages/${p.id}.html`, p.title)),
      "No pages.",
    ),
    `<h2>Artifacts</h2>`,
    list(
      portfolio.artifacts.map(({ artifact }) => link(`artifacts/${artifact.id}.html`, artifact.title)),
      "No artifacts.",
    ),
    `<h2>Assessments</h2>`,
    list(
      portfolio.submissions.map(({ submission, assessmentTitle }) => link(`assessments/${submission.id}.html`, assessmentTitle)),
      "No assessments.",
    ),
  ].join("\n");
  docs.set("index.html", htmlDocument(`${portfolio.ownerName}'s portfolio`, index));
  return docs;
}

function renderSubmission(
  portfolio: Portfolio,
  submission: Portfolio["submissions"][number]["submission"],
  title: string,
  scores: Portfolio["submissions"][number]["scores"],
): string {
  const snapshot = submission.snapshot as unknown as TSnapshot;
  // The snapshot's file links point at the app; in the archive they point at the files beside it.
  const relink = (html: string) =>
    html.replace(/\/api\/portfolio\/submissions\/[0-9a-f-]{36}\/files\/([0-9a-f-]{36})/g, (whole, fileId: string) => {
      const file = portfolio.files.get(fileId);
      return file ? `../${escapeHtml(filePath(file))}` : "#";
    });
  const parts = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">Submitted ${escapeHtml(submission.submittedAt.toISOString().slice(0, 10))}: ${escapeHtml(snapshot.title)}. Status: ${escapeHtml(submission.status)}.</p>`,
  ];
  if (submission.status === "returned") {
    const rows = scores.map(
      (s) =>
        `<tr><td>${escapeHtml(s.criterion)}</td><td>${escapeHtml(fromHundredths(toHundredths(s.score.points)))}</td><td>${escapeHtml(s.score.comment)}</td></tr>`,
    );
    parts.push(
      `<h2>Result</h2><table><thead><tr><th>Criterion</th><th>Points</th><th>Comment</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
      `<p>Total: ${escapeHtml(fromHundredths(toHundredths(submission.totalPoints ?? "0")))}</p>`,
      submission.overallComment ? `<p>${escapeHtml(submission.overallComment)}</p>` : "",
    );
  }
  for (const page of snapshot.pages) parts.push(`<section><h2>${escapeHtml(page.title)}</h2>${relink(page.html)}</section>`);
  return parts.join("\n");
}

/** Streams the person's whole portfolio as a zip: HTML documents, then each file, read only when the zip reaches it. */
export async function exportArchive(db: Db, storage: FileStorage, actor: Actor) {
  const portfolio = await loadPortfolio(db, actor);
  const exportedAt = new Date();
  const zip = new yazl.ZipFile();
  for (const [path, html] of renderArchive(portfolio, exportedAt)) zip.addBuffer(Buffer.from(html, "utf8"), path, { mtime: exportedAt });
  for (const file of portfolio.files.values()) {
    zip.addReadStreamLazy(
      filePath(file),
      { mtime: file.createdAt, compress: !/^(image|audio|video)\//.test(file.mediaType) },
      (callback) => {
        // A file missing from storage leaves a note in its place rather than breaking the whole archive.
        storage.get(file.storageKey).then(
          (stream) => callback(null, stream),
          () => callback(null, Readable.from([Buffer.from("This file could not be read when the portfolio was exported.\n")])),
        );
      },
    );
  }
  zip.end();
  await audit(db, actor, {
    action: "portfolio.export",
    targetType: "user",
    targetId: actor.userId,
    details: { format: "html", files: portfolio.files.size },
  });
  const stamp = exportedAt.toISOString().slice(0, 10);
  return {
    stream: zip.outputStream as Readable,
    fileName: `portfolio-${safeFileName(portfolio.ownerName).replace(/\s+/g, "-")}-${stamp}.zip`,
  };
}

/** The person's portfolio as Leap2A XML: artifacts, pages (selections of their artifacts), collections, reflections. */
export async function exportLeap2a(db: Db, actor: Actor) {
  const portfolio = await loadPortfolio(db, actor);
  const id = (kind: string, value: string) => `portfolio:${kind}/${value}`;
  const iso = (d: Date) => d.toISOString();
  const entries: LeapEntry[] = [];
  const reflectionLinks = new Map<string, string[]>();
  for (const r of portfolio.reflections) {
    const target = r.pageId ? id("page", r.pageId) : id("artefact", r.artifactId!);
    reflectionLinks.set(target, [...(reflectionLinks.get(target) ?? []), id("reflection", r.id)]);
    entries.push({
      id: id("reflection", r.id),
      title: r.promptText ?? "Reflection",
      updated: iso(r.updatedAt),
      type: "entry",
      html: safeRichText(r.body),
      links: [{ rel: "reflects_on", id: target }],
      tags: [],
    });
  }
  const pagesOf = new Map<string, string[]>();
  for (const page of portfolio.pages) {
    const artifactIds = (page.layout as RenderLayout).sections.flatMap((s) =>
      s.columns.flatMap((c) => c.blocks.filter((b) => b.type === "artifact").map((b) => String(b.artifactId))),
    );
    for (const a of artifactIds) pagesOf.set(a, [...(pagesOf.get(a) ?? []), page.id]);
    const text = (page.layout as RenderLayout).sections.flatMap((s) =>
      s.columns.flatMap((c) => c.blocks.filter((b) => b.type === "text").map((b) => String(b.html))),
    );
    entries.push({
      id: id("page", page.id),
      title: page.title,
      updated: iso(page.updatedAt),
      type: "selection",
      selectionType: "Webpage",
      html: `<p>${escapeHtml(page.description)}</p>${text.map(safeRichText).join("\n")}`,
      links: [
        ...[...new Set(artifactIds)].map((a, order) => ({ rel: "has_part" as const, id: id("artefact", a), order })),
        ...(reflectionLinks.get(id("page", page.id)) ?? []).map((r) => ({ rel: "reflected_on_by" as const, id: r })),
      ],
      tags: [],
    });
  }
  for (const { artifact: a, file } of portfolio.artifacts) {
    entries.push({
      id: id("artefact", a.id),
      title: a.title,
      updated: iso(a.updatedAt),
      type: a.kind === "file" || a.kind === "link" ? "resource" : "entry",
      html: [a.description ? `<p>${escapeHtml(a.description)}</p>` : "", safeRichText(a.body ?? a.source?.text)].join(""),
      url: a.url,
      enclosure: file ? { href: filePath(file), type: file.mediaType, length: file.sizeBytes } : null,
      links: [
        ...(pagesOf.get(a.id) ?? []).map((p) => ({ rel: "is_part_of" as const, id: id("page", p) })),
        ...(reflectionLinks.get(id("artefact", a.id)) ?? []).map((r) => ({ rel: "reflected_on_by" as const, id: r })),
      ],
      tags: [...a.tags, ...a.skills],
      date: a.occurredOn,
    });
  }
  for (const { collection, pageIds } of portfolio.collections) {
    entries.push({
      id: id("collection", collection.id),
      title: collection.title,
      updated: iso(collection.updatedAt),
      type: "selection",
      selectionType: "Grouping",
      html: `<p>${escapeHtml(collection.description)}</p>`,
      links: pageIds.map((p, order) => ({ rel: "has_part" as const, id: id("page", p), order })),
      tags: [],
    });
  }
  await audit(db, actor, { action: "portfolio.export", targetType: "user", targetId: actor.userId, details: { format: "leap2a" } });
  const xml = buildLeap2a({
    id: `urn:stoa:portfolio:${actor.userId}`,
    title: `${portfolio.ownerName}'s portfolio`,
    authorName: portfolio.ownerName,
    updated: new Date().toISOString(),
    entries,
  });
  return { xml, fileName: `portfolio-${safeFileName(portfolio.ownerName).replace(/\s+/g, "-")}-leap2a.xml` };
}
