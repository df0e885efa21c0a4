import { z } from "zod";
import { ZId, ZPageQuery } from "./common.js";

/** One problem found in a bundle: where it is, what was there and what was expected. */
export const ZImportProblem = z.object({
  severity: z.enum(["error", "note"]),
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  expected: z.string(),
});
export type TImportProblem = z.infer<typeof ZImportProblem>;

export const ZImportCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deactivated: z.number().int(),
  unchanged: z.number().int(),
});
export type TImportCounts = z.infer<typeof ZImportCounts>;

export const ZImportSummary = z.object({
  version: z.string(),
  mode: z.record(z.string(), z.enum(["bulk", "delta"])),
  counts: z.record(z.string(), ZImportCounts),
  durationMs: z.number(),
});
export type TImportSummary = z.infer<typeof ZImportSummary>;

export const ZImportRun = z.object({
  id: ZId,
  status: z.enum(["succeeded", "rejected", "failed"]),
  fileName: z.string().nullable(),
  actor: z.object({ id: ZId, name: z.string() }).nullable(),
  summary: ZImportSummary.nullable(),
  problems: z.array(ZImportProblem),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TImportRun = z.infer<typeof ZImportRun>;

export const ZImportRunQuery = ZPageQuery;
