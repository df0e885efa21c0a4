import { ZGroupSetSettings, type TGroupScore, type TGroupSetDetail, type TGroupSetSummary } from "@stoa/contracts";
import type { groupSets } from "../../db/schema/index.js";
import type { GroupWithMembers } from "./membership.js";

type SetRow = typeof groupSets.$inferSelect;

/** The scores a set keeps: per group id, and the set's minimum and mean. */
export interface StoredScores {
  byGroup: Record<string, TGroupScore>;
  minimum: number;
  mean: number;
  criteria: Record<string, { minimum: number; mean: number }>;
  labels: Record<string, string>;
  warnings?: string[];
}

/** Reads a set's stored scores (null when it has none). */
export const storedScores = (row: SetRow): StoredScores | null => (row.scores ? (row.scores as unknown as StoredScores) : null);

/** A set in a list. */
export function presentSetSummary(row: { set: SetRow; groupCount: number; memberCount: number }): TGroupSetSummary {
  const { set } = row;
  return {
    id: set.id,
    classId: set.classId,
    name: set.name,
    strategy: set.strategy,
    published: set.publishedAt !== null,
    archived: set.archivedAt !== null,
    groupCount: row.groupCount,
    memberCount: row.memberCount,
    version: set.version,
    createdAt: set.createdAt.toISOString(),
  };
}

/** A set with every group, member, lock and score, and the students not placed yet. */
export function presentSetDetail(
  row: { set: SetRow; groupCount: number; memberCount: number },
  groups: GroupWithMembers[],
  students: { userId: string; name: string }[],
): TGroupSetDetail {
  const scores = storedScores(row.set);
  const placed = new Set(groups.flatMap((g) => g.members.map((m) => m.userId)));
  return {
    ...presentSetSummary(row),
    settings: ZGroupSetSettings.parse(row.set.settings),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      capacity: g.capacity,
      members: g.members.map((m) => ({ userId: m.userId, name: m.name, locked: m.locked })),
      score: scores?.byGroup[g.id] ?? null,
    })),
    unassigned: students.filter((s) => !placed.has(s.userId)).map((s) => ({ userId: s.userId, name: s.name })),
    scores: scores ? { minimum: scores.minimum, mean: scores.mean, criteria: scores.criteria, warnings: scores.warnings ?? [] } : null,
    criterionLabels: scores?.labels ?? {},
  };
}
