import { describe, expect, it } from "vitest";
import { contentDisposition, safeFileName } from "./downloads.js";

describe("download names", () => {
  it("keeps only a harmless base name", () => {
    expect(safeFileName('..\\..\\evil"name.html')).toBe("evil_name.html");
    expect(safeFileName("a\u0000b\r\n.txt")).toBe("a_b__.txt");
    expect(safeFileName("...")).toBe("file");
  });

  it("gives an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("Zoë's report.pdf")).toBe(
      `attachment; filename="Zo_'s report.pdf"; filename*=UTF-8''Zo%C3%AB%27s%20report.pdf`,
    );
    expect(contentDisposition('x"; filename="evil.html', "inline")).toBe(
      `inline; filename="x__ filename=_evil.html"; filename*=UTF-8''x__%20filename%3D_evil.html`,
    );
  });
});
