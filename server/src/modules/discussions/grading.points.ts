/** Exact arithmetic on participation points written as decimal text (at most two places): no floats. */

/** "7.5" -> 750 hundredths. The text must already match ZPoints. */
export function toHundredths(points: string): number {
  const [whole, fraction = ""] = points.trim().split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** 750 -> "7.5"; 800 -> "8" (how people write points). */
export function fromHundredths(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const fraction = String(hundredths % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** Normalises stored numeric text ("7.50") to the way people write it ("7.5"). */
export const normalisePoints = (points: string) => fromHundredths(toHundredths(points));
