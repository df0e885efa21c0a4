/**
 * One group's individual marks and flags from the task's settings, the ratings, the group mark and
 * the teacher's overrides. Pure: the service loads, this decides, the presenter shapes.
 */
import { peerScale, type TIndividualMark, type TPeerFlag, type TPeerPerson } from "@stoa/contracts";
import {
  catmeMarks,
  catmeRawFactors,
  ratingFlags,
  roundFactor,
  roundMark,
  webpaMarks,
  type IndividualMark,
  type NonSubmitterPenalty,
  type Rating,
} from "./peer-assessment.js";

/** The peer-assessment settings of a task, as numbers. */
export interface PeerSettings {
  method: "webpa" | "catme";
  includeSelf: boolean;
  /** Weight of peer assessment, 0-1. */
  weight: number;
  penalty: NonSubmitterPenalty;
  criteriaKeys: readonly string[];
  /** CATME: apply raw factors (capped at 1.05) instead of the 1.0 rule. */
  raw: boolean;
}

export interface OverrideInfo {
  mark: number;
  reason: string;
  by: TPeerPerson;
  at: string;
}

/** Keeps only the current criteria's scores, so criteria removed after rating do not count. */
export function toRatings(
  rows: readonly { raterId: string; rateeId: string; scores: Record<string, number> }[],
  criteriaKeys: readonly string[],
): Rating[] {
  return rows.map((r) => ({
    raterId: r.raterId,
    rateeId: r.rateeId,
    scores: Object.fromEntries(criteriaKeys.filter((k) => typeof r.scores[k] === "number").map((k) => [k, r.scores[k] ?? 0])),
  }));
}

/** The marks and flags of one group. Without a group mark, factors are shown and marks are null. */
export function marksOfGroup(
  settings: PeerSettings,
  members: readonly TPeerPerson[],
  ratings: readonly Rating[],
  groupMark: number | null,
  overrides: ReadonlyMap<string, OverrideInfo>,
): { marks: TIndividualMark[]; flags: TPeerFlag[]; raters: number } {
  const ids = members.map((m) => m.id);
  const g = groupMark ?? 0;
  const computed: IndividualMark[] =
    settings.method === "catme"
      ? catmeMarks({
          memberIds: ids,
          ratings,
          includeSelf: settings.includeSelf,
          groupMark: g,
          raw: settings.raw,
          nonSubmitterPenalty: settings.penalty,
        })
      : webpaMarks({
          memberIds: ids,
          ratings,
          includeSelf: settings.includeSelf,
          groupMark: g,
          weight: settings.weight,
          nonSubmitterPenalty: settings.penalty,
        });
  const raw = settings.method === "catme" ? catmeRawFactors(ids, ratings, settings.includeSelf) : null;
  const received = new Map<string, number>();
  for (const r of ratings)
    if (r.raterId !== r.rateeId && ids.includes(r.raterId)) received.set(r.rateeId, (received.get(r.rateeId) ?? 0) + 1);
  const byId = new Map(members.map((m) => [m.id, m]));

  const marks = computed.map((m): TIndividualMark => {
    const override = overrides.get(m.userId) ?? null;
    const computedMark = groupMark === null ? null : roundMark(m.mark);
    return {
      user: byId.get(m.userId) ?? { id: m.userId, name: "" },
      factor: roundFactor(m.factor),
      rawFactor: raw ? roundFactor(raw.get(m.userId) ?? 1) : null,
      computedMark,
      penaltyApplied: groupMark === null ? 0 : roundMark(m.penaltyApplied),
      override,
      finalMark: override ? override.mark : computedMark,
      submitted: m.submitted,
      ratingsReceived: received.get(m.userId) ?? 0,
    };
  });
  const flags = ratingFlags(ids, ratings, peerScale).map((f) => ({
    kind: f.kind,
    user: byId.get(f.userId) ?? { id: f.userId, name: "" },
    detail: f.detail,
  }));
  return { marks, flags, raters: computed.filter((m) => m.submitted).length };
}
