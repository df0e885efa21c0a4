import { describe, expect, it } from "vitest";
import { diffRows, RowDiff, type ExistingRow } from "./diff.js";
import { takeOverMemberships } from "./memberships.js";

const row = (
  id: string,
  sourcedId: string | null,
  title: string,
  status: "active" | "inactive" = "active",
): ExistingRow<{ title: string }> => ({ id, sourcedId, status, values: { title } });

describe("diffRows", () => {
  it("creates, updates, deactivates and leaves alone, writing only what changed", () => {
    const existing = [
      row("1", "A", "same"),
      row("2", "B", "old"),
      row("3", "C", "gone"),
      row("4", null, "made in Stoa"),
      row("5", "E", "was dropped", "inactive"),
    ];
    const result = diffRows(
      [
        { sourcedId: "A", status: "active", values: { title: "same" } },
        { sourcedId: "B", status: "active", values: { title: "new" } },
        { sourcedId: "D", status: "active", values: { title: "fresh" } },
        { sourcedId: "E", status: "active", values: { title: "was dropped" } },
      ],
      existing,
      true,
    );
    expect(result.counts).toEqual({ created: 1, updated: 2, deactivated: 1, unchanged: 1 });
    expect(result.writes.map((w) => [w.id, w.sourcedId])).toEqual([
      ["2", "B"],
      ["5", "E"],
      [null, "D"],
    ]);
    expect(result.deactivate).toEqual(["3"]);
    expect(result.ids.get("D")).toBeUndefined(); // the writer adds it once the database has chosen it
    expect(result.ids.get("4")).toBe("4");
  });

  it("matches a Stoa-made row through its id and keeps its sourcedId empty; delta files deactivate nothing by absence", () => {
    const result = diffRows(
      [{ sourcedId: "4", status: "inactive", values: { title: "made in Stoa" } }],
      [row("4", null, "made in Stoa"), row("3", "C", "x")],
      false,
    );
    expect(result.counts).toEqual({ created: 0, updated: 0, deactivated: 1, unchanged: 0 });
    expect(result.writes).toEqual([{ id: "4", sourcedId: null, status: "inactive", values: { title: "made in Stoa" } }]);
    expect(result.deactivate).toEqual([]);
  });
});

describe("takeOverMemberships", () => {
  const v = (classId: string, userId: string) => ({ classId, userId, role: "student" });
  const stored = { id: "e1", sourcedId: "OLD", status: "active" as const, values: v("k", "u") };

  it("re-keys a stored membership listed under a new sourcedId instead of inserting a clashing row", async () => {
    const diff = new RowDiff(
      [
        { sourcedId: "OLD", status: "inactive" as const, values: v("k", "u") },
        { sourcedId: "NEW", status: "active" as const, values: v("k", "u") },
      ],
      true,
    );
    diff.visit(stored);
    await takeOverMemberships(diff, async () => [stored]);
    const result = diff.finish();
    expect(result.counts).toEqual({ created: 0, updated: 1, deactivated: 0, unchanged: 0 });
    expect(result.writes).toEqual([{ id: "e1", sourcedId: "NEW", status: "active", values: v("k", "u") }]);
  });

  it("takes over a membership a bulk file dropped, instead of deactivating it and inserting a clash", async () => {
    const diff = new RowDiff([{ sourcedId: "NEW", status: "active" as const, values: v("k", "u") }], true);
    diff.visit(stored);
    await takeOverMemberships(diff, async () => [stored]);
    const result = diff.finish();
    expect(result.counts).toEqual({ created: 0, updated: 1, deactivated: 0, unchanged: 0 });
    expect(result.deactivate).toEqual([]);
  });

  it("leaves a membership alone while the bundle still lists its own key as active, and asks nothing when nothing is new", async () => {
    const diff = new RowDiff([{ sourcedId: "OLD", status: "active" as const, values: v("k", "u") }], true);
    diff.visit(stored);
    let asked = false;
    await takeOverMemberships(diff, async () => {
      asked = true;
      return [];
    });
    expect(asked).toBe(false);
    expect(diff.finish().counts).toEqual({ created: 0, updated: 0, deactivated: 0, unchanged: 1 });
  });
});
