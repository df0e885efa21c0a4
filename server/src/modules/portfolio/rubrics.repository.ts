import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { TRubricCreate } from "@stoa/contracts";
import type { DbOrTx } from "../../db/client.js";
import { portfolioRubricCriteria, portfolioRubricLevels, portfolioRubrics } from "../../db/schema/index.js";

/** Inserts a rubric with its criteria and levels, in order. */
export async function insertRubric(db: DbOrTx, values: { districtId: string; classId: string; createdBy: string }, input: TRubricCreate) {
  const [rubric] = await db
    .insert(portfolioRubrics)
    .values({ ...values, title: input.title, description: input.description })
    .returning({ id: portfolioRubrics.id });
  for (const [position, criterion] of input.criteria.entries()) {
    const [row] = await db
      .insert(portfolioRubricCriteria)
      .values({ districtId: values.districtId, rubricId: rubric!.id, position, title: criterion.title, description: criterion.description })
      .returning({ id: portfolioRubricCriteria.id });
    await db
      .insert(portfolioRubricLevels)
      .values(criterion.levels.map((level, i) => ({ districtId: values.districtId, criterionId: row!.id, position: i, ...level })));
  }
  return rubric!.id;
}

/** Rubrics of a class (or one rubric), newest first, with criteria and levels in order. */
export async function listRubrics(db: DbOrTx, districtId: string, where: { classId: string } | { id: string }) {
  const rubrics = await db
    .select()
    .from(portfolioRubrics)
    .where(
      and(
        eq(portfolioRubrics.districtId, districtId),
        "classId" in where ? eq(portfolioRubrics.classId, where.classId) : eq(portfolioRubrics.id, where.id),
      ),
    )
    .orderBy(desc(portfolioRubrics.createdAt));
  if (rubrics.length === 0) return [];
  const criteria = await db
    .select()
    .from(portfolioRubricCriteria)
    .where(
      inArray(
        portfolioRubricCriteria.rubricId,
        rubrics.map((r) => r.id),
      ),
    )
    .orderBy(asc(portfolioRubricCriteria.position));
  const levels =
    criteria.length === 0
      ? []
      : await db
          .select()
          .from(portfolioRubricLevels)
          .where(
            inArray(
              portfolioRubricLevels.criterionId,
              criteria.map((c) => c.id),
            ),
          )
          .orderBy(asc(portfolioRubricLevels.position));
  return rubrics.map((rubric) => ({
    ...rubric,
    criteria: criteria.filter((c) => c.rubricId === rubric.id).map((c) => ({ ...c, levels: levels.filter((l) => l.criterionId === c.id) })),
  }));
}
export type RubricRow = Awaited<ReturnType<typeof listRubrics>>[number];
