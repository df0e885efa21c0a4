import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { sanitizeRichText } from "../../platform/rich-text.js";
import { docFromState, replaceContent, ydocToHtml } from "./yjs-html.js";

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}) {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.insert(0, children);
  return el;
}

function text(parts: [string, Record<string, unknown>?][]) {
  const t = new Y.XmlText();
  let at = 0;
  for (const [s, attrs] of parts) {
    t.insert(at, s, attrs ?? {});
    at += s.length;
  }
  return t;
}

describe("ydocToHtml", () => {
  it("renders the editor's nodes and marks", () => {
    const doc = new Y.Doc();
    doc.getXmlFragment("default").insert(0, [
      element("heading", [text([["Title"]])], { level: "2" }),
      element("paragraph", [text([["plain "], ["bold", { bold: {} }], [" and "], ["a link", { link: { href: "https://example.org" } }]])]),
      element("bulletList", [element("listItem", [element("paragraph", [text([["one"]])])])]),
      element("paragraph", [text([["line"]]), element("hardBreak", []), text([["next"]])]),
    ]);
    expect(ydocToHtml(doc)).toBe(
      '<h2>Title</h2><p>plain <strong>bold</strong> and <a href="https://example.org">a link</a></p><ul><li><p>one</p></li></ul><p>line<br>next</p>',
    );
  });

  it("escapes text and leaves nothing executable after sanitising", () => {
    const doc = new Y.Doc();
    doc.getXmlFragment("default").insert(0, [
      element("paragraph", [text([["<img src=x onerror=alert(1)>"], ["click", { link: { href: "javascript:alert(1)" } }]])]),
      element("script", [text([["alert(1)"]])]),
    ]);
    const html = sanitizeRichText(ydocToHtml(doc));
    expect(html).not.toMatch(/<img|<script|javascript:/i);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("restores an old state as a new change that other replicas receive", () => {
    const live = new Y.Doc();
    const fragment = live.getXmlFragment("default");
    fragment.insert(0, [element("paragraph", [text([["first draft"]])])]);
    const old = Y.encodeStateAsUpdate(live);
    fragment.delete(0, 1);
    fragment.insert(0, [element("paragraph", [text([["second draft"]])])]);
    const replica = docFromState(Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(live);
    replaceContent(live, docFromState(old));
    expect(ydocToHtml(live)).toBe("<p>first draft</p>");
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live, Y.encodeStateVector(replica)));
    expect(ydocToHtml(replica)).toBe("<p>first draft</p>");
    expect(Y.encodeStateVector(live)).not.toEqual(before);
  });
});
