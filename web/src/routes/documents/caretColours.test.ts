import { describe, expect, it } from "vitest";
import { caretColours, colourFor } from "./useCollaboration";

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe("caret colours", () => {
  // Names are written in white on these colours (carets and the "editing now" badges): any
  // colour under 4.5:1 fails WCAG AA for the people who happen to get it.
  it.each(caretColours)("%s keeps white text at 4.5:1 or more", (colour) => {
    expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });

  it("gives a person the same colour every time, from the palette", () => {
    const id = "0b0f1c2e-7a55-4c1b-9c7e-2f1d3b4a5c6d";
    expect(colourFor(id)).toBe(colourFor(id));
    expect(caretColours).toContain(colourFor(id));
  });
});
