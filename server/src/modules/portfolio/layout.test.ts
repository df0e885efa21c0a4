import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TPageLayout } from "@stoa/contracts";
import { artifactIdsOf, cleanLayout, moveBlock, moveItem } from "./layout.js";

const a1 = "00000000-0000-4000-8000-000000000001";
const a2 = "00000000-0000-4000-8000-000000000002";
const layout: TPageLayout = {
  sections: [
    {
      id: "s1",
      columns: [
        {
          id: "c1",
          blocks: [
            { id: "b1", type: "artifact", artifactId: a1, showReflections: true },
            { id: "b2", type: "text", html: "<p>hi</p>" },
          ],
        },
        { id: "c2", blocks: [] },
      ],
    },
    {
      id: "s2",
      columns: [
        {
          id: "c3",
          blocks: [
            { id: "b3", type: "artifact", artifactId: a2, showReflections: false },
            { id: "b4", type: "artifact", artifactId: a1, showReflections: true },
          ],
        },
      ],
    },
  ],
};
const blockIds = (l: TPageLayout) => l.sections.flatMap((s) => s.columns.flatMap((c) => c.blocks.map((b) => b.id)));

describe("page layout", () => {
  it("lists each placed artifact once", () => {
    expect(artifactIdsOf(layout)).toEqual([a1, a2]);
  });

  it("moves a block to another column and clamps the index", () => {
    const moved = moveBlock(layout, "b1", 0, 1, 99);
    expect(moved).not.toBeTypeOf("string");
    const l = moved as TPageLayout;
    expect(l.sections[0]?.columns[1]?.blocks.map((b) => b.id)).toEqual(["b1"]);
    expect(l.sections[0]?.columns[0]?.blocks.map((b) => b.id)).toEqual(["b2"]);
    expect(blockIds(layout)).toEqual(["b1", "b2", "b3", "b4"]);
  });

  it("moves within a column and says when the block or place is missing", () => {
    expect(blockIds(moveBlock(layout, "b4", 1, 0, 0) as TPageLayout)).toEqual(["b1", "b2", "b4", "b3"]);
    expect(moveBlock(layout, "nope", 0, 0, 0)).toBe("block_not_found");
    expect(moveBlock(layout, "b1", 5, 0, 0)).toBe("no_such_place");
  });

  it("never loses or duplicates a block, wherever it moves", () => {
    fc.assert(
      fc.property(fc.constantFrom("b1", "b2", "b3", "b4"), fc.nat(1), fc.nat(1), fc.nat(5), (id, s, c, i) => {
        const moved = moveBlock(layout, id, s, c, i);
        if (typeof moved === "string") return moved === "no_such_place";
        return [...blockIds(moved)].sort().join() === "b1,b2,b3,b4";
      }),
    );
  });

  it("cleans only text blocks", () => {
    const cleaned = cleanLayout(layout, (html) => html.toUpperCase());
    expect(cleaned.sections[0]?.columns[0]?.blocks[1]).toMatchObject({ html: "<P>HI</P>" });
    expect(cleaned.sections[1]?.columns[0]?.blocks[0]).toEqual(layout.sections[1]?.columns[0]?.blocks[0]);
  });

  it("moves list items by index", () => {
    expect(moveItem(["a", "b", "c"], "a", 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], "c", 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a"], "z", 0)).toBeNull();
  });
});
