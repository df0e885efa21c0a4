import { describe, expect, it } from "vitest";
import { safeFileName } from "./tasks.presenter.js";

describe("attachment names", () => {
  it("keeps only a harmless base name", () => {
    expect(safeFileName('..\\..\\evil"name.html')).toBe("evil_name.html");
    expect(safeFileName("a\u0000b\r\n.txt")).toBe("a_b__.txt");
    expect(safeFileName("...")).toBe("file");
  });
});
