import { describe, expect, it } from "vitest";
import { richTextToPlain, sanitizeRichText } from "./rich-text.js";

describe("sanitizeRichText", () => {
  it("keeps the editor's formatting", () => {
    const html = "<p><strong>Bold</strong> and <em>italic</em></p><ul><li>one</li></ul>";
    expect(sanitizeRichText(html)).toBe(html);
  });

  it("drops scripts, handlers, styles and dangerous links", () => {
    const out = sanitizeRichText(
      `<p onclick="x()" style="color:red">hi<script>alert(1)</script><img src=x onerror=alert(1)><iframe src="//evil"></iframe><a href="javascript:alert(1)">j</a></p>`,
    );
    expect(out).toBe('<p>hi<a rel="noopener noreferrer nofollow" target="_blank">j</a></p>');
  });

  it("marks links as external", () => {
    expect(sanitizeRichText('<a href="https://example.org">x</a>')).toBe(
      '<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    );
  });

  it("gives the plain text", () => {
    expect(richTextToPlain("<p>Hello <b>there</b></p><p> you</p>")).toBe("Hello there you");
  });
});
