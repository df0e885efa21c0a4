import type { TRubric } from "@stoa/contracts";
import type { RubricRow } from "./rubrics.repository.js";
import { fromHundredths, maxPoints, toHundredths } from "./rubrics.points.js";

/** A rubric with exact points ("2.50") and its best possible total. */
export function presentRubric(row: RubricRow): TRubric {
  const criteria = row.criteria.map((c) => ({
    id: c.id,
    title: c.title,
    description: c.description,
    levels: c.levels.map((l) => ({ id: l.id, title: l.title, description: l.description, points: fromHundredths(toHundredths(l.points)) })),
  }));
  return {
    id: row.id,
    classId: row.classId,
    title: row.title,
    description: row.description,
    maxPoints: maxPoints(criteria),
    criteria,
    createdAt: row.createdAt.toISOString(),
  };
}
