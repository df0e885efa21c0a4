import sanitizeHtml from "sanitize-html";

/**
 * The one allowlist for rich text (instructions, posts, submissions, reflections, comments).
 * What the web editor (Tiptap starter kit + links) produces survives; scripts, event handlers,
 * styles, iframes and every URL scheme but http(s)/mailto do not.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "b", "em", "i", "u", "s", "code", "pre", "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "a", "hr"],
  allowedAttributes: { a: ["href", "title", "rel", "target"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    h1: "h2",
    // Links open outside the app and cannot reach back into it.
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
  },
  allowedSchemesAppliedToAttributes: ["href"],
};

/** Sanitises rich text on write: the only HTML the server stores or serves. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, options).trim();
}

/** The visible text of rich text (search, previews, "is it empty?"). */
export function richTextToPlain(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, " ").trim();
}
