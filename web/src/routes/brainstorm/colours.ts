import type { TBrainstormColour } from "@stoa/contracts";

/** Light card backgrounds; card text is always near-black on them (contrast above 10:1), in both colour schemes. */
export const cardBackground: Record<TBrainstormColour, string> = {
  yellow: "#fff3bf",
  blue: "#d0ebff",
  green: "#d3f9d8",
  pink: "#ffdeeb",
  purple: "#e5dbff",
  orange: "#ffe8cc",
  grey: "#e9ecef",
};
export const cardText = "#1a1b1e";
