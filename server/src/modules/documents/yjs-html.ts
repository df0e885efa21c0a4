/**
 * Pure conversion of a Tiptap/Yjs document to HTML (no I/O). The editor keeps its content in the
 * XML fragment "default": elements named after ProseMirror nodes, texts whose attributes are marks.
 * The result is escaped here and sanitised again by the caller with the platform allowlist.
 */
import * as Y from "yjs";

/** The fragment Tiptap's Collaboration extension writes to. */
export const documentField = "default";

const blockTags: Record<string, string> = {
  paragraph: "p",
  blockquote: "blockquote",
  bulletList: "ul",
  orderedList: "ol",
  listItem: "li",
};

const markTags: [mark: string, tag: string][] = [
  ["bold", "strong"],
  ["italic", "em"],
  ["underline", "u"],
  ["strike", "s"],
  ["code", "code"],
];

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, "&quot;");

/** A mark's attribute key may carry a suffix ("link--abc") when marks of one type overlap. */
const markName = (key: string) => key.split("--")[0] ?? key;

function textToHtml(text: Y.XmlText): string {
  const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
  return delta
    .map(({ insert, attributes }) => {
      if (typeof insert !== "string") return "";
      let html = escapeText(insert);
      const marks = new Map(Object.entries(attributes ?? {}).map(([k, v]) => [markName(k), v]));
      for (const [mark, tag] of markTags) if (marks.has(mark)) html = `<${tag}>${html}</${tag}>`;
      const link = marks.get("link") as { href?: unknown } | undefined;
      if (link && typeof link.href === "string") html = `<a href="${escapeAttr(link.href)}">${html}</a>`;
      return html;
    })
    .join("");
}

function nodeToHtml(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return textToHtml(node);
  if (!(node instanceof Y.XmlElement)) return "";
  const inner = () => node.toArray().map((child) => nodeToHtml(child as Y.XmlElement | Y.XmlText)).join("");
  const name = node.nodeName;
  if (name === "hardBreak") return "<br>";
  if (name === "horizontalRule") return "<hr>";
  if (name === "heading") {
    const level = Math.min(4, Math.max(2, Number(node.getAttribute("level")) || 2));
    return `<h${level}>${inner()}</h${level}>`;
  }
  if (name === "codeBlock") return `<pre><code>${inner()}</code></pre>`;
  const tag = blockTags[name];
  // Unknown nodes keep their content (never their markup).
  return tag ? `<${tag}>${inner()}</${tag}>` : inner();
}

/** The document's content as HTML (unsanitised: pass it through the platform's allowlist). */
export function ydocToHtml(doc: Y.Doc): string {
  return doc
    .getXmlFragment(documentField)
    .toArray()
    .map((node) => nodeToHtml(node as Y.XmlElement | Y.XmlText))
    .join("");
}

/** A Y.Doc holding the given encoded state (empty when null). */
export function docFromState(state: Uint8Array | null): Y.Doc {
  const doc = new Y.Doc();
  if (state && state.byteLength > 0) Y.applyUpdate(doc, state);
  return doc;
}

/**
 * Replaces the content of `target` by the content of `source` as one new change: collaborators
 * see a normal edit (nothing of the history is rewritten, the previous content stays in versions).
 */
export function replaceContent(target: Y.Doc, source: Y.Doc): void {
  const from = source.getXmlFragment(documentField);
  const to = target.getXmlFragment(documentField);
  const copies = from.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone());
  target.transact(() => {
    if (to.length > 0) to.delete(0, to.length);
    to.insert(0, copies);
  });
}
