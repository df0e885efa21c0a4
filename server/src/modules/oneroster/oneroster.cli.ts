import type { TImportProblem, TImportRun } from "@stoa/contracts";
import { migrateDatabase, openDatabase } from "../../db/client.js";
import type { DistrictRow } from "./oneroster.repository.js";
import { listDistricts } from "./oneroster.repository.js";
import { importOneRoster, type ImportActor } from "./oneroster.service.js";

/** Where the command writes, and the environment it reads (injectable for tests). */
export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const defaultIo: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env };

const usage = "Usage: stoa import oneroster <zip-or-folder> [--district <sourcedId or name>]";

/**
 * `stoa import oneroster <zip-or-folder> [--district <sourcedId or name>]` (args after
 * "import oneroster"). Opens the database from DATABASE_URL or STOA_DATA_DIR (default ./data),
 * imports as the district itself (no user: the audit row names no person), prints the summary or
 * every problem, and resolves to the exit code: 0 imported, 1 refused or failed, 2 bad usage.
 */
export async function runImportCommand(args: string[], io: CommandIo = defaultIo): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed) {
    io.err(usage);
    return 2;
  }
  const database = await openDatabase(
    io.env.DATABASE_URL ? { databaseUrl: io.env.DATABASE_URL, poolSize: 2 } : { dataDir: io.env.STOA_DATA_DIR ?? "./data" },
  );
  try {
    await migrateDatabase(database);
    const district = pickDistrict(await listDistricts(database.db), parsed.district, io);
    if (!district) return 1;
    const actor: ImportActor = {
      userId: null,
      districtId: district.id,
      roles: [{ role: "district_admin", schoolId: null, staffKind: null }],
      ip: null,
    };
    const run = await importOneRoster(database.db, actor, { source: parsed.path });
    printRun(run, district, io);
    return run.status === "succeeded" ? 0 : 1;
  } finally {
    await database.close();
  }
}

function parseArgs(args: string[]): { path: string; district: string | null } | null {
  let path: string | null = null;
  let district: string | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === "--district") {
      district = args[i + 1] ?? null;
      if (district === null) return null;
      i += 1;
    } else if (arg.startsWith("--district=")) district = arg.slice("--district=".length);
    else if (arg.startsWith("--") || path !== null) return null;
    else path = arg;
  }
  return path === null ? null : { path, district };
}

function pickDistrict(districts: DistrictRow[], wanted: string | null, io: CommandIo): DistrictRow | null {
  const names = districts.map((d) => `  ${d.name}${d.sourcedId ? ` (sourcedId ${d.sourcedId})` : ""}`).join("\n");
  if (wanted === null) {
    if (districts.length === 1) return districts[0] as DistrictRow;
    io.err(
      districts.length === 0
        ? "There is no district yet: start Stoa once (npm start) to create one."
        : `There are several districts; choose one with --district <sourcedId or name>:\n${names}`,
    );
    return null;
  }
  const matches = districts.filter((d) => d.sourcedId === wanted || d.name.toLowerCase() === wanted.toLowerCase());
  if (matches.length === 1) return matches[0] as DistrictRow;
  io.err(
    matches.length === 0
      ? `No district has the sourcedId or name "${wanted}". Districts:\n${names}`
      : `Several districts are called "${wanted}"; use the sourcedId instead:\n${names}`,
  );
  return null;
}

function printRun(run: TImportRun, district: DistrictRow, io: CommandIo): void {
  const errors = run.problems.filter((p) => p.severity === "error");
  const notes = run.problems.filter((p) => p.severity === "note");
  if (run.status !== "succeeded" || !run.summary) {
    const verb = run.status === "failed" ? "Failed to import" : "Refused";
    io.err(`${verb} ${run.fileName ?? "the bundle"}: ${errors.length} error(s). Nothing was changed.\n`);
    io.err(problemTable(errors));
    if (notes.length > 0) io.err(`\nNotes:\n${problemTable(notes)}`);
    return;
  }
  const { summary } = run;
  io.out(
    `Imported ${run.fileName ?? "the bundle"} into "${district.name}" (OneRoster ${summary.version}) in ${(summary.durationMs / 1000).toFixed(1)} s.\n`,
  );
  const rows = Object.entries(summary.counts).map(([kind, c]) => [
    kind,
    summary.mode[kind] ?? "",
    String(c.created),
    String(c.updated),
    String(c.deactivated),
    String(c.unchanged),
  ]);
  io.out(columns([["kind", "mode", "created", "updated", "deactivated", "unchanged"], ...rows], [false, false, true, true, true, true]));
  if (notes.length > 0) io.out(`\nNotes:\n${problemTable(notes)}`);
}

/** Problems as aligned columns: file:line, column, value, expected (or, for notes, the note). */
function problemTable(problems: TImportProblem[]): string {
  const last = problems.every((p) => p.severity === "note") ? "note" : "expected";
  const rows = problems.map((p) => [
    `${p.file}${p.line === null ? "" : `:${p.line}`}`,
    p.column ?? "",
    p.value === null ? "" : `'${p.value}'`,
    p.expected,
  ]);
  return columns([["file:line", "column", "value", last], ...rows], [false, false, false, false]);
}

function columns(rows: string[][], rightAligned: boolean[]): string {
  const widths = rightAligned.map((_, i) => Math.min(40, Math.max(...rows.map((r) => (r[i] ?? "").length))));
  return rows
    .map((r) =>
      r
        .map((cell, i) => {
          const last = i === r.length - 1;
          if (last) return cell;
          return rightAligned[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0);
        })
        .join("  "),
    )
    .join("\n");
}
