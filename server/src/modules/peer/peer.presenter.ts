import type { TPeerRatingRecord } from "@stoa/contracts";

/** Where the rating window stands: not yet open (or never opened), open, or closed. */
export function windowState(task: { ratingOpensAt: Date | null; ratingClosesAt: Date | null }, now: Date): "notYet" | "open" | "closed" {
  if (task.ratingClosesAt && now > task.ratingClosesAt) return "closed";
  if (!task.ratingOpensAt || now < task.ratingOpensAt) return "notYet";
  return "open";
}

/** A mark as the exact decimal string stored in a numeric(5,2) column (the schema allows two decimals). */
export function toMarkString(mark: number): string {
  return (Math.round(mark * 100) / 100).toFixed(2);
}

/** One rating for the teacher: who gave whom what, with the comment. */
export function presentRatingRecord(r: {
  raterId: string;
  raterName: string;
  rateeId: string;
  rateeName: string;
  scores: Record<string, number>;
  comment: string;
  updatedAt: Date;
}): TPeerRatingRecord {
  return {
    rater: { id: r.raterId, name: r.raterName },
    ratee: { id: r.rateeId, name: r.rateeName },
    scores: r.scores,
    comment: r.comment,
    updatedAt: r.updatedAt.toISOString(),
  };
}
