import type { TLayoutBlock, TPageLayout } from "@stoa/contracts";

// Pure page-layout logic: which artifacts a layout places, moving a block by indexes (the
// keyboard alternative to dragging), and cleaning its rich text. No I/O.

/** The artifact ids a layout places, each once, in reading order. */
export function artifactIdsOf(layout: TPageLayout): string[] {
  const ids = layout.sections.flatMap((s) =>
    s.columns.flatMap((c) => c.blocks.flatMap((b) => (b.type === "artifact" ? [b.artifactId] : []))),
  );
  return [...new Set(ids)];
}

/** The layout with every text block passed through `clean` (the server's rich-text allowlist). */
export function cleanLayout(layout: TPageLayout, clean: (html: string) => string): TPageLayout {
  return {
    sections: layout.sections.map((section) => ({
      ...section,
      columns: section.columns.map((column) => ({
        ...column,
        blocks: column.blocks.map((block): TLayoutBlock => (block.type === "text" ? { ...block, html: clean(block.html) } : block)),
      })),
    })),
  };
}

/** Why a move could not be made, in words for the person moving. */
export type MoveError = "block_not_found" | "no_such_place";

/**
 * Moves a block to section `toSection`, column `toColumn`, position `toIndex` (clamped to the end
 * of that column). Returns a new layout; the input is not changed.
 */
export function moveBlock(
  layout: TPageLayout,
  blockId: string,
  toSection: number,
  toColumn: number,
  toIndex: number,
): TPageLayout | MoveError {
  const copy: TPageLayout = structuredClone(layout);
  let moved: TLayoutBlock | undefined;
  for (const section of copy.sections) {
    for (const column of section.columns) {
      const at = column.blocks.findIndex((b) => b.id === blockId);
      if (at >= 0) moved = column.blocks.splice(at, 1)[0];
    }
  }
  if (!moved) return "block_not_found";
  const target = copy.sections[toSection]?.columns[toColumn];
  if (!target) return "no_such_place";
  target.blocks.splice(Math.min(toIndex, target.blocks.length), 0, moved);
  return copy;
}

/** Moves one item of a list to a new index (clamped); the input is not changed. */
export function moveItem<T>(items: readonly T[], item: T, toIndex: number): T[] | null {
  const from = items.indexOf(item);
  if (from < 0) return null;
  const copy = [...items];
  copy.splice(from, 1);
  copy.splice(Math.min(Math.max(toIndex, 0), copy.length), 0, item);
  return copy;
}
