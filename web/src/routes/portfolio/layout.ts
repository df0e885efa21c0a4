import type { TLayoutBlock, TPageLayout } from "@stoa/contracts";

// Pure edits of a page layout (sections -> columns -> blocks). Every function returns a new layout
// and leaves its input untouched, so the editor can keep an undo step and compare with the saved one.

/** Where a block sits. */
export interface BlockPlace {
  section: number;
  column: number;
  index: number;
}

/** A short id, unique enough within one page (the contract allows up to 40 characters). */
export function newId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

function clone(layout: TPageLayout): TPageLayout {
  return { sections: layout.sections.map((s) => ({ ...s, columns: s.columns.map((c) => ({ ...c, blocks: [...c.blocks] })) })) };
}

/** Finds a block by id. */
export function findBlock(layout: TPageLayout, blockId: string): BlockPlace | null {
  for (const [section, s] of layout.sections.entries()) {
    for (const [column, c] of s.columns.entries()) {
      const index = c.blocks.findIndex((b) => b.id === blockId);
      if (index >= 0) return { section, column, index };
    }
  }
  return null;
}

/** Adds a block at the end of a column. */
export function addBlock(layout: TPageLayout, section: number, column: number, block: TLayoutBlock): TPageLayout {
  const next = clone(layout);
  next.sections[section]?.columns[column]?.blocks.push(block);
  return next;
}

/** Replaces a block (same id). */
export function replaceBlock(layout: TPageLayout, block: TLayoutBlock): TPageLayout {
  const next = clone(layout);
  const at = findBlock(next, block.id);
  if (at) next.sections[at.section]!.columns[at.column]!.blocks[at.index] = block;
  return next;
}

/** Removes a block. */
export function removeBlock(layout: TPageLayout, blockId: string): TPageLayout {
  const next = clone(layout);
  const at = findBlock(next, blockId);
  if (at) next.sections[at.section]!.columns[at.column]!.blocks.splice(at.index, 1);
  return next;
}

/** Moves a block to a place (index counted after taking the block out); out-of-range targets are clamped. */
export function moveBlock(layout: TPageLayout, blockId: string, to: BlockPlace): TPageLayout {
  const from = findBlock(layout, blockId);
  const target = layout.sections[to.section]?.columns[to.column];
  if (!from || !target) return layout;
  const next = clone(layout);
  const [block] = next.sections[from.section]!.columns[from.column]!.blocks.splice(from.index, 1);
  const blocks = next.sections[to.section]!.columns[to.column]!.blocks;
  blocks.splice(Math.max(0, Math.min(to.index, blocks.length)), 0, block!);
  return next;
}

/**
 * One keyboard step for a block: up/down within its column, and past the column's end into the
 * previous or next column (then section), so any place is reachable with two buttons.
 */
export function stepBlock(layout: TPageLayout, blockId: string, direction: "up" | "down"): TPageLayout {
  const at = findBlock(layout, blockId);
  if (!at) return layout;
  const column = layout.sections[at.section]!.columns[at.column]!;
  if (direction === "up" && at.index > 0) return moveBlock(layout, blockId, { ...at, index: at.index - 1 });
  if (direction === "down" && at.index < column.blocks.length - 1) return moveBlock(layout, blockId, { ...at, index: at.index + 1 });
  const places = columnPlaces(layout);
  const here = places.findIndex((p) => p.section === at.section && p.column === at.column);
  const neighbour = places[direction === "up" ? here - 1 : here + 1];
  if (!neighbour) return layout;
  const length = layout.sections[neighbour.section]!.columns[neighbour.column]!.blocks.length;
  return moveBlock(layout, blockId, { ...neighbour, index: direction === "up" ? length : 0 });
}

/** Every column in reading order. */
function columnPlaces(layout: TPageLayout): { section: number; column: number }[] {
  return layout.sections.flatMap((s, section) => s.columns.map((_, column) => ({ section, column })));
}

/** True when a step in that direction would change anything. */
export function canStep(layout: TPageLayout, blockId: string, direction: "up" | "down"): boolean {
  return stepBlock(layout, blockId, direction) !== layout;
}

/** Adds an empty one-column section at the end. */
export function addSection(layout: TPageLayout, title = ""): TPageLayout {
  const next = clone(layout);
  next.sections.push({ id: newId("s"), title, columns: [{ id: newId("c"), blocks: [] }] });
  return next;
}

/** Removes a section; its blocks go to the previous section's last column (or the next one), never lost. */
export function removeSection(layout: TPageLayout, section: number): TPageLayout {
  if (layout.sections.length <= 1) return layout;
  const next = clone(layout);
  const [gone] = next.sections.splice(section, 1);
  const heir = next.sections[Math.max(0, section - 1)]!;
  heir.columns[heir.columns.length - 1]!.blocks.push(...gone!.columns.flatMap((c) => c.blocks));
  return next;
}

/** Moves a section up or down. */
export function stepSection(layout: TPageLayout, section: number, direction: "up" | "down"): TPageLayout {
  const to = direction === "up" ? section - 1 : section + 1;
  if (to < 0 || to >= layout.sections.length) return layout;
  const next = clone(layout);
  const [moved] = next.sections.splice(section, 1);
  next.sections.splice(to, 0, moved!);
  return next;
}

/** Renames a section. */
export function renameSection(layout: TPageLayout, section: number, title: string): TPageLayout {
  const next = clone(layout);
  if (next.sections[section]) next.sections[section] = { ...next.sections[section], title };
  return next;
}

/** Sets a section's number of columns (1-3); blocks of removed columns move to the last kept one. */
export function setColumnCount(layout: TPageLayout, section: number, count: number): TPageLayout {
  const next = clone(layout);
  const s = next.sections[section];
  if (!s || count < 1) return layout;
  while (s.columns.length < count) s.columns.push({ id: newId("c"), blocks: [] });
  while (s.columns.length > count) {
    const gone = s.columns.pop()!;
    s.columns[s.columns.length - 1]!.blocks.push(...gone.blocks);
  }
  return next;
}

/** The ids of artifacts a layout shows. */
export function artifactIds(layout: TPageLayout): string[] {
  return layout.sections.flatMap((s) => s.columns.flatMap((c) => c.blocks.flatMap((b) => (b.type === "artifact" ? [b.artifactId] : []))));
}
