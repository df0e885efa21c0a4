import { basename } from "node:path";
import type { TImportProblem, TImportRun, TImportSummary } from "@stoa/contracts";
import yazl from "yazl";
import { analyzeDatabase, type Db, type DbOrTx } from "../../db/client.js";
import { forgetAllCachedSessions } from "../identity/identity.service.js";
import { isDistrictAdmin, type Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { applyBundle } from "./apply.js";
import { BundleError, defaultBundleLimits, readBundle, type BundleLimits } from "./bundle.js";
import { buildExportFiles } from "./export.js";
import * as runs from "./import-runs.repository.js";
import * as repo from "./oneroster.repository.js";
import { presentImportRun } from "./oneroster.presenter.js";
import { capProblems, error, hasErrors } from "./problems.js";
import { namesInBundle, parseBundle, validateBundle, type ParsedBundle } from "./validate.js";

/** Who imports: a signed-in person, or the command line acting for the district (userId null). */
export type ImportActor = Omit<Actor, "userId"> & { userId: string | null };

/** What to import: a zip (bytes or path) or a folder path, and the name to show for it. */
export interface ImportInput {
  source: Buffer | string;
  fileName?: string | null;
  limits?: BundleLimits;
}

/**
 * Only district administrators import, list imports and export. A school administrator may not:
 * a bundle spans the district — it can deactivate people and classes in every school and grant
 * district-wide roles — so allowing it would let one school's admin act on all the others.
 */
export function assertCanImport(actor: ImportActor): void {
  // isDistrictAdmin reads only the roles; the command line's actor has no user row.
  if (!isDistrictAdmin({ ...actor, userId: actor.userId ?? "" }))
    throw forbidden("Only district administrators can import or export rosters");
}

/**
 * Imports a OneRoster 1.1/1.2 CSV bundle: reads and validates all of it, then applies it in one
 * transaction. Always records an import run — rejected with every problem found (and nothing else
 * changed), succeeded with its summary, or failed (rolled back) — and an audit row.
 */
export async function importOneRoster(db: Db, actor: ImportActor, input: ImportInput): Promise<TImportRun> {
  assertCanImport(actor);
  const startedAt = new Date();
  const fileName = input.fileName ?? (typeof input.source === "string" ? basename(input.source) : null);
  const district = await repo.findDistrict(db, actor.districtId);
  if (!district) throw notFound("District");
  const record = (tx: DbOrTx, run: RunOutcome) => recordRun(tx, actor, { ...run, fileName, startedAt });

  const read = await readAndParse(input, district.importDemographics);
  if (read instanceof BundleError)
    return record(db, { status: "rejected", problems: [error(read.file, read.line, null, null, read.expected)], summary: null });
  const { parsed, problems } = read;
  if (!parsed) return record(db, { status: "rejected", problems, summary: null });
  let run: TImportRun;
  try {
    run = await db.transaction((tx) => validateAndApply(tx, district.id, parsed, problems, startedAt, record));
  } catch (e) {
    // The transaction rolled back, so nothing changed; say so, without internals beyond the message.
    const failure = error(
      "bundle",
      null,
      null,
      null,
      `an import that completes; it stopped with "${describeFailure(e)}". Nothing was changed: try again, and report it if it happens again`,
    );
    return record(db, { status: "failed", problems: [failure], summary: null });
  }
  // A roster load changes table sizes by orders of magnitude: refresh the planner's statistics.
  if (run.status === "succeeded") {
    await analyzeDatabase({ db });
    // People may have been deactivated or changed roles: read every session afresh.
    forgetAllCachedSessions();
  }
  return run;
}

/**
 * The database's own message (e.g. a unique index that refused a row), not the query: drizzle's
 * "Failed query" text carries the SQL and its parameters, i.e. thousands of people's data.
 */
function describeFailure(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const message = cause instanceof Error ? cause.message : String(cause);
  const clipped = message.length > 300 ? `${message.slice(0, 300)}…` : message;
  if (!clipped.includes("enrolments_member_idx")) return clipped;
  // The one refusal validation cannot foresee: two enrolments trading their person or class in one go.
  return `${clipped} — two enrolments in the bundle swap their class or person; import the change in two steps`;
}

/** Reads and parses the bundle; the raw file texts go out of scope (and can be collected) on return. */
async function readAndParse(input: ImportInput, importDemographics: boolean) {
  try {
    return parseBundle(await readBundle(input.source, input.limits ?? defaultBundleLimits), { importDemographics });
  } catch (e) {
    if (e instanceof BundleError) return e;
    throw e;
  }
}

interface RunOutcome {
  status: "succeeded" | "rejected" | "failed";
  problems: TImportProblem[];
  summary: TImportSummary | null;
}

async function validateAndApply(
  tx: DbOrTx,
  districtId: string,
  parsed: ParsedBundle,
  parseProblems: TImportProblem[],
  startedAt: Date,
  record: (tx: DbOrTx, run: RunOutcome) => Promise<TImportRun>,
): Promise<TImportRun> {
  // Inside the lock the snapshot cannot go stale before the bundle is applied.
  await repo.lockDistrictImports(tx, districtId);
  const district = await repo.findDistrict(tx, districtId);
  if (!district) throw notFound("District");
  const snapshot = await repo.loadSnapshot(tx, district, namesInBundle(parsed));
  const { bundle, problems } = validateBundle(parsed, snapshot);
  const all = [...parseProblems, ...problems];
  if (!bundle || hasErrors(all)) return record(tx, { status: "rejected", problems: all, summary: null });
  const counts = await applyBundle(tx, district, bundle);
  const mode = Object.fromEntries(Object.entries(bundle.modes).filter(([, m]) => m !== undefined)) as Record<string, "bulk" | "delta">;
  const summary: TImportSummary = { version: bundle.version, mode, counts, durationMs: Date.now() - startedAt.getTime() };
  return record(tx, { status: "succeeded", problems: all, summary });
}

async function recordRun(
  tx: DbOrTx,
  actor: ImportActor,
  run: RunOutcome & { fileName: string | null; startedAt: Date },
): Promise<TImportRun> {
  const row = await runs.insertImportRun(tx, {
    districtId: actor.districtId,
    actorId: actor.userId,
    kind: "oneroster",
    fileName: run.fileName?.slice(0, 255) ?? null,
    status: run.status,
    summary: run.summary,
    problems: capProblems(run.problems),
    startedAt: run.startedAt,
    finishedAt: new Date(),
  });
  const errors = run.problems.filter((p) => p.severity === "error").length;
  await audit(tx, actor, {
    action: "roster.import",
    targetType: "import_run",
    targetId: row.id,
    details: { status: run.status, fileName: row.fileName, errors, counts: run.summary?.counts ?? null },
  });
  const stored = await runs.findImportRun(tx, actor.districtId, row.id);
  return presentImportRun(stored ?? { ...row, actorName: null });
}

/** One page of the actor's district's import runs, newest first (problems only on the run itself). */
export async function listImportRuns(db: Db, actor: ImportActor, page: { page: number; pageSize: number }) {
  assertCanImport(actor);
  const { rows, total } = await runs.listImportRuns(db, actor.districtId, page.page, page.pageSize);
  return { items: rows.map((row) => presentImportRun(row, false)), total, page: page.page, pageSize: page.pageSize };
}

/** One import run of the actor's district; anybody else gets "not found", as for a missing run. */
export async function getImportRun(db: Db, actor: ImportActor, id: string): Promise<TImportRun> {
  if (!isDistrictAdmin({ ...actor, userId: actor.userId ?? "" })) throw notFound("Import");
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await runs.findImportRun(db, actor.districtId, id) : null;
  if (!row) throw notFound("Import");
  return presentImportRun(row);
}

/** The actor's district as a OneRoster 1.2 bulk bundle (zip bytes), formula-guarded, audited. */
export async function exportOneRoster(db: Db, actor: ImportActor): Promise<Buffer> {
  assertCanImport(actor);
  const data = await runs.loadExport(db, actor.districtId);
  if (!data.district) throw notFound("District");
  const files = buildExportFiles(actor.districtId, data);
  await audit(db, actor, {
    action: "roster.export",
    targetType: "district",
    targetId: actor.districtId,
    details: { users: data.users.length, classes: data.classes.length },
  });
  return zip(files);
}

function zip(files: Map<string, string>): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const [name, text] of files) archive.addBuffer(Buffer.from(text, "utf8"), name);
  archive.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    archive.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    archive.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    archive.outputStream.on("error", reject);
  });
}
