// Leap2A (an Atom feed with the leap2 vocabulary, http://www.leapspecs.org/2A/) for moving a
// portfolio to another system such as Mahara. Pure: builds XML text from plain data.

const ATOM = "http://www.w3.org/2005/Atom";

/** Removes characters XML 1.0 cannot carry, then escapes markup characters. */
export function escapeXml(text: string): string {
  const valid = text
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
  return valid.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** One Leap2A entry. */
export interface LeapEntry {
  id: string;
  title: string;
  updated: string;
  /** leap2 type: entry (text, reflection), resource (file, link), selection (page, collection). */
  type: "entry" | "resource" | "selection";
  /** HTML content (escaped into the XML as text). */
  html: string;
  /** For selections: "Webpage" or "Grouping". */
  selectionType?: "Webpage" | "Grouping";
  /** Relationships to other entries: has_part / is_part_of / reflects_on / reflected_on_by. */
  links: { rel: "has_part" | "is_part_of" | "reflects_on" | "reflected_on_by"; id: string; order?: number }[];
  /** Web links (link artifacts) and file enclosures (name and media type). */
  url?: string | null;
  enclosure?: { href: string; type: string; length: number } | null;
  tags: string[];
  date?: string | null;
}

/** The whole feed. */
export function buildLeap2a(feed: { id: string; title: string; authorName: string; updated: string; entries: LeapEntry[] }): string {
  const x = escapeXml;
  const entries = feed.entries.map((e) => {
    const parts = [
      `<entry>`,
      `<title>${x(e.title)}</title>`,
      `<id>${x(e.id)}</id>`,
      `<updated>${x(e.updated)}</updated>`,
      `<content type="html">${x(e.html)}</content>`,
      `<rdf:type rdf:resource="leap2:${e.type}"/>`,
    ];
    if (e.selectionType) parts.push(`<category term="${x(e.selectionType)}" scheme="categories:selection_type#"/>`);
    if (e.type === "resource") parts.push(`<category term="${e.enclosure ? "Offline" : "Web"}" scheme="categories:resource_type#"/>`);
    for (const tag of e.tags) parts.push(`<category term="${x(tag)}"/>`);
    if (e.date) parts.push(`<leap2:date leap2:point="start">${x(e.date)}</leap2:date>`);
    if (e.url) parts.push(`<link rel="related" href="${x(e.url)}"/>`);
    if (e.enclosure)
      parts.push(`<link rel="enclosure" href="${x(e.enclosure.href)}" type="${x(e.enclosure.type)}" length="${e.enclosure.length}"/>`);
    for (const link of e.links) {
      parts.push(
        `<link rel="leap2:${link.rel}" href="${x(link.id)}"${link.order === undefined ? "" : ` leap2:display_order="${link.order}"`}/>`,
      );
    }
    parts.push(`</entry>`);
    return parts.join("\n");
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="${ATOM}" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:leap2="http://terms.leapspecs.org/" xmlns:categories="http://wiki.leapspecs.org/2A/categories/">
<leap2:version>http://www.leapspecs.org/2010-07/2A/</leap2:version>
<id>${x(feed.id)}</id>
<title>${x(feed.title)}</title>
<author><name>${x(feed.authorName)}</name></author>
<updated>${x(feed.updated)}</updated>
${entries.join("\n")}
</feed>
`;
}
