import { ZImportProblem, ZImportSummary, type TImportRun } from "@stoa/contracts";
import type { ImportRunRow } from "./import-runs.repository.js";

/**
 * A stored run as the contract's ImportRun. Lists pass `withProblems: false`: a refused bundle
 * can carry a thousand problems, which belong on the run's own page, not in every list row.
 */
export function presentImportRun(row: ImportRunRow, withProblems = true): TImportRun {
  const summary = ZImportSummary.safeParse(row.summary);
  const problems = withProblems ? ZImportProblem.array().safeParse(row.problems ?? []) : null;
  return {
    id: row.id,
    status: row.status,
    fileName: row.fileName,
    actor: row.actorId === null ? null : { id: row.actorId, name: row.actorName ?? "" },
    summary: summary.success ? summary.data : null,
    problems: problems?.success ? problems.data : [],
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}
