// Renders a discussion thread as one self-contained HTML file. Pure: no I/O. Every piece of text
// is escaped and every body goes through the server's allowlist again (defence in depth: the
// file must run no script even if a stored row is bad), and its CSP forbids scripts outright.
import { sanitizeRichText } from "../../platform/rich-text.js";

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** No scripts, no network, no forms: the file shows text and its own styles only. */
export const exportCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export interface ExportPost {
  id: string;
  parentId: string | null;
  authorName: string;
  body: string;
  status: "published" | "pending" | "rejected";
  createdAt: Date;
  editedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  deletedAt: Date | null;
}

export interface ExportThread {
  title: string;
  boardTitle: string;
  className: string;
  exportedAt: Date;
  exportedBy: string;
  posts: ExportPost[];
}

/** Posts in tree order: each post followed by its replies (oldest first), with its depth. */
export function treeOrder(posts: ExportPost[]): { post: ExportPost; depth: number }[] {
  const ids = new Set(posts.map((p) => p.id));
  const children = new Map<string | null, ExportPost[]>();
  for (const p of posts) {
    // A reply whose parent is missing is shown at the top level rather than lost.
    const key = p.parentId !== null && ids.has(p.parentId) ? p.parentId : null;
    children.set(key, [...(children.get(key) ?? []), p]);
  }
  for (const list of children.values()) list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const out: { post: ExportPost; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const post of children.get(parent) ?? []) {
      if (seen.has(post.id)) continue;
      seen.add(post.id);
      out.push({ post, depth });
      visit(post.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";

function renderPost({ post, depth }: { post: ExportPost; depth: number }): string {
  const marks: string[] = [];
  if (post.status === "pending") marks.push("Waiting for approval");
  if (post.status === "rejected") marks.push("Not approved");
  if (post.editedAt) marks.push(`Edited ${when(post.editedAt)}`);
  const hidden = post.hiddenAt
    ? `<p class="flag">Hidden by the teacher ${escapeHtml(when(post.hiddenAt))}${post.hiddenReason ? `: ${escapeHtml(post.hiddenReason)}` : ""}</p>`
    : "";
  const body = post.deletedAt ? `<p class="flag">This post was deleted.</p>` : `<div class="body">${sanitizeRichText(post.body)}</div>`;
  const indent = Math.min(depth, 8);
  return `<article class="post${post.hiddenAt ? " hidden" : ""}" id="post-${escapeHtml(post.id)}" style="margin-left:${indent * 1.5}rem">
<p class="meta"><strong>${escapeHtml(post.authorName)}</strong> · <time datetime="${post.createdAt.toISOString()}">${when(post.createdAt)}</time>${
    marks.length ? ` · ${marks.map(escapeHtml).join(" · ")}` : ""
  }</p>
${hidden}${body}
</article>`;
}

const style = `body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
.meta{color:#444;font-size:.9rem;margin:0 0 .25rem}.post{border-left:3px solid #bbb;padding:.25rem .75rem;margin:.75rem 0}
.post.hidden{border-left-color:#b3261e;background:#fdf3f2}.flag{color:#8c1d18;font-weight:600;margin:.25rem 0}a{color:#0b57d0}`;

/** The whole file. */
export function renderThreadHtml(thread: ExportThread): string {
  const posts = treeOrder(thread.posts).map(renderPost).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${exportCsp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(thread.title)}</title><style>${style}</style></head>
<body><main>
<h1>${escapeHtml(thread.title)}</h1>
<p class="meta">${escapeHtml(thread.className)} · ${escapeHtml(thread.boardTitle)} · exported ${when(thread.exportedAt)} by ${escapeHtml(thread.exportedBy)} · ${
    thread.posts.length
  } post(s)</p>
${posts}
</main></body></html>
`;
}
