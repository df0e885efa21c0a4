// Renders portfolio content as standalone HTML (the export archive and assessment snapshots). Pure:
// no I/O. Every piece of user text is escaped; every piece of rich text goes through the server's
// allowlist again (defence in depth: the archive must run no script even if a stored row is bad).
import { sanitizeRichText } from "../../platform/rich-text.js";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Rich text safe to place in the page: sanitised again with the allowlist. */
export const safeRichText = (html: string | null | undefined) => (html ? sanitizeRichText(html) : "");

/** An http(s) URL, escaped for an attribute; anything else (javascript:, data:) becomes null. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? escapeHtml(parsed.href) : null;
  } catch {
    return null;
  }
}

/** The Content-Security-Policy of every archive page: no script at all, images and styles from the archive only. */
export const archiveCsp =
  "default-src 'none'; img-src 'self' data: file:; media-src 'self' file:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const style = `body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
a{color:#0b57d0}.meta{color:#555;font-size:.9rem}.card{border:1px solid #ccc;border-radius:8px;padding:1rem;margin:1rem 0}
.columns{display:flex;flex-wrap:wrap;gap:1rem}.column{flex:1 1 16rem}.comment{border-left:3px solid #ccc;padding-left:.75rem;margin:.5rem 0}
.reply{margin-left:1.5rem}img{max-width:100%;height:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}`;

/** A whole HTML document with the archive's CSP; `body` must already be safe HTML. */
export function htmlDocument(title: string, body: string, rootPrefix = ""): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${archiveCsp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><nav><a href="${rootPrefix}index.html">Portfolio home</a></nav>
${body}
</body></html>
`;
}

/** A file as a page shows it: where it is (relative link in an archive, or none) and what it is. */
export interface RenderFile {
  id: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  /** Relative link to the file (archive), or null when it is not reachable from here. */
  href: string | null;
  /** Shown inline as an image (only re-encoded raster images). */
  image: boolean;
}

/** An artifact as pages and the archive show it. */
export interface RenderArtifact {
  id: string;
  kind: string;
  title: string;
  description: string;
  body: string | null;
  url: string | null;
  tags: string[];
  skills: string[];
  occurredOn: string | null;
  file: RenderFile | null;
}

/** A reflection as shown under its page or artifact. */
export interface RenderReflection {
  promptText: string | null;
  body: string;
  createdAt: string;
}

/** A comment as shown in the archive (hidden comments are never exported). */
export interface RenderComment {
  id: string;
  parentId: string | null;
  authorName: string;
  body: string;
  createdAt: string;
  resolved: boolean;
}

/** A layout as stored: sections of columns of blocks. */
export interface RenderLayout {
  sections: { id: string; title?: string; columns: { id: string; blocks: Record<string, unknown>[] }[] }[];
}

const kb = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** An artifact's card: title, what it is, its content (text, link, file) and labels. */
export function renderArtifact(artifact: RenderArtifact, opts: { href?: string | null; headingLevel?: 2 | 3 } = {}): string {
  const h = `h${opts.headingLevel ?? 3}`;
  const title = opts.href ? `<a href="${escapeHtml(opts.href)}">${escapeHtml(artifact.title)}</a>` : escapeHtml(artifact.title);
  const parts = [`<${h}>${title}</${h}>`];
  if (artifact.description) parts.push(`<p>${escapeHtml(artifact.description)}</p>`);
  if (artifact.body) parts.push(`<div>${safeRichText(artifact.body)}</div>`);
  const url = safeUrl(artifact.url);
  if (url) parts.push(`<p><a href="${url}" rel="noopener noreferrer nofollow">${url}</a></p>`);
  if (artifact.file) parts.push(renderFile(artifact.file));
  const labels = [...artifact.tags.map((t) => `#${t}`), ...artifact.skills.map((s) => `skill: ${s}`)];
  if (artifact.occurredOn) labels.unshift(artifact.occurredOn);
  if (labels.length > 0) parts.push(`<p class="meta">${escapeHtml(labels.join(" · "))}</p>`);
  return `<article class="card">${parts.join("\n")}</article>`;
}

function renderFile(file: RenderFile): string {
  const label = `${escapeHtml(file.name)} (${escapeHtml(file.mediaType)}, ${kb(file.sizeBytes)})`;
  if (!file.href) return `<p class="meta">File: ${label}</p>`;
  const href = escapeHtml(file.href);
  const image = file.image ? `<p><img src="${href}" alt="${escapeHtml(file.name)}"></p>` : "";
  return `${image}<p><a href="${href}" download>${label}</a></p>`;
}

/** Reflections under a heading. */
export function renderReflections(reflections: RenderReflection[]): string {
  if (reflections.length === 0) return "";
  const items = reflections.map(
    (r) =>
      `<div class="card">${r.promptText ? `<p class="meta">${escapeHtml(r.promptText)}</p>` : ""}${safeRichText(r.body)}<p class="meta">${escapeHtml(r.createdAt.slice(0, 10))}</p></div>`,
  );
  return `<section><h3>Reflections</h3>${items.join("\n")}</section>`;
}

/** Comments as a thread: replies under their parent. */
export function renderComments(comments: RenderComment[]): string {
  if (comments.length === 0) return "";
  const known = new Set(comments.map((c) => c.id));
  const one = (c: RenderComment) =>
    `<div class="comment${c.parentId && known.has(c.parentId) ? " reply" : ""}"><p class="meta">${escapeHtml(c.authorName)}, ${escapeHtml(c.createdAt.slice(0, 10))}${c.resolved ? " (resolved)" : ""}</p>${safeRichText(c.body)}</div>`;
  const ordered: RenderComment[] = [];
  const visit = (parentId: string | null) => {
    for (const c of comments.filter((x) => (x.parentId && known.has(x.parentId) ? x.parentId : null) === parentId)) {
      ordered.push(c);
      visit(c.id);
    }
  };
  visit(null);
  return `<section><h3>Comments</h3>${ordered.map(one).join("\n")}</section>`;
}

/**
 * A page's layout as HTML: sections with their titles, columns side by side, text blocks
 * (sanitised) and artifacts (only those given: a page never reveals the owner's other work).
 */
export function renderLayout(
  layout: RenderLayout,
  artifacts: Map<string, RenderArtifact>,
  artifactHref: (id: string) => string | null,
): string {
  return layout.sections
    .map((section) => {
      const columns = section.columns.map((column) => {
        const blocks = column.blocks.map((block) => {
          if (block.type === "text" && typeof block.html === "string") return `<div>${safeRichText(block.html)}</div>`;
          if (block.type === "artifact" && typeof block.artifactId === "string") {
            const artifact = artifacts.get(block.artifactId);
            return artifact ? renderArtifact(artifact, { href: artifactHref(artifact.id) }) : "";
          }
          return "";
        });
        return `<div class="column">${blocks.join("\n")}</div>`;
      });
      const title = section.title ? `<h2>${escapeHtml(section.title)}</h2>` : "";
      return `<section>${title}<div class="columns">${columns.join("\n")}</div></section>`;
    })
    .join("\n");
}

/** The artifact ids a layout places, in order, without repeats. */
export function artifactIdsOf(layout: RenderLayout): string[] {
  const ids = layout.sections.flatMap((s) =>
    s.columns.flatMap((c) => c.blocks.filter((b) => b.type === "artifact").map((b) => String(b.artifactId))),
  );
  return [...new Set(ids)];
}

