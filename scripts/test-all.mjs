#!/usr/bin/env node
// `npm test`: lint, typecheck, unit and API tests (Vitest), then the browser suite (Playwright).
// Every tool's own output streams as it runs; a summary follows, and the very last line is
// `N passed, N failed` (`, N skipped` when any), counting individual tests (lint and typecheck
// count as one check each). Everything is printed to stdout, so the order survives `2>&1 | tee`.
//
//   node scripts/test-all.mjs                        everything
//   node scripts/test-all.mjs --only vitest [args]   only Vitest, extra args passed on
//                                                    (CI: `--only vitest --project server` on PostgreSQL)
//   node scripts/test-all.mjs --only lint|typecheck|browser
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const chromium = process.env.STOA_CHROMIUM ?? "/usr/bin/chromium";
const isCI = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";
const reports = mkdtempSync(join(tmpdir(), "stoa-test-reports-"));

/** @type {{ name: string, passed: number, failed: number, skipped: number, note: string }[]} */
const results = [];
let current = null;

/** Runs a command with inherited output; resolves with its exit code (never rejects). */
function run(command, args, env = {}) {
  return new Promise((done) => {
    console.log(`\n$ ${[command.replace(`${root}/`, ""), ...args].join(" ")}`);
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    current = child;
    child.on("error", (error) => {
      console.log(`could not start ${command}: ${error.message}`);
      current = null;
      done(127);
    });
    child.on("exit", (code, signal) => {
      current = null;
      done(code ?? (signal ? 128 : 1));
    });
  });
}

// Ctrl-C or a CI timeout: stop the step in flight (and its server) rather than orphan it.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (current && current.exitCode === null) current.kill(signal);
    rmSync(reports, { recursive: true, force: true });
    process.exit(130);
  });
}

function banner(text) {
  console.log(`\n${"=".repeat(78)}\n== ${text}\n${"=".repeat(78)}`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** A step that is one check: passes when every command exits 0 (all run, so all errors show). */
async function checkStep(name, ...commands) {
  banner(name);
  const failures = [];
  for (const [command, args] of commands) {
    const code = await run(command, args);
    if (code !== 0) failures.push(`${[command.replace(`${root}/`, ""), ...args].join(" ")}: exit code ${code}`);
  }
  results.push({ name, passed: failures.length ? 0 : 1, failed: failures.length ? 1 : 0, skipped: 0, note: failures.join("; ") });
}

/** Vitest, all projects (or what extra args select), counted from its JSON report. */
async function vitestStep(extraArgs) {
  const name = extraArgs.length ? `vitest ${extraArgs.join(" ")}` : "vitest";
  banner(name + (process.env.DATABASE_URL ? " (PostgreSQL: DATABASE_URL is set)" : " (PGlite)"));
  const file = join(reports, "vitest.json");
  const code = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`, ...extraArgs]);
  const report = readJson(file);
  if (!report || typeof report.numTotalTests !== "number") {
    results.push({ name, passed: 0, failed: 1, skipped: 0, note: `no readable JSON report (exit code ${code})` });
    return;
  }
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that fails to load or whose hooks throw has no failed test of its own: count it once.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
  );
  failed += brokenFiles.length;
  const notes = brokenFiles.map((f) => `broken file ${f.name.replace(`${root}/`, "")}`);
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(`vitest exited with code ${code} (unhandled error or no tests found)`);
  }
  results.push({ name, passed, failed, skipped, note: notes.join("; ") });
}

/** A free TCP port on 127.0.0.1, preferring the given one. */
function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((done) => {
      const server = createServer();
      server.once("error", () => done(null));
      server.listen(port, "127.0.0.1", () => {
        const found = server.address().port;
        server.close(() => done(found));
      });
    });
  return tryPort(preferred).then((port) => port ?? tryPort(0));
}

/** How many browser tests exist, without starting a browser or server (for the skip count; 1 if unknown). */
function countBrowserTests() {
  return new Promise((done) => {
    const child = spawn(bin("playwright"), ["test", "--list", "--reporter=json"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.on("error", () => done(1));
    child.on("exit", () => {
      try {
        const report = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        const count = (suite) => (suite.specs ?? []).reduce((n, s) => n + (s.tests ?? []).length, 0) + (suite.suites ?? []).reduce((n, s) => n + count(s), 0);
        done((report.suites ?? []).reduce((n, s) => n + count(s), 0) || 1);
      } catch {
        done(1);
      }
    });
  });
}

/** The browser suite (scripts/e2e.mjs builds the web app, Playwright starts a server), counted from its JSON report. */
async function browserStep() {
  const name = "browser (playwright)";
  banner(name);
  if (!existsSync(chromium)) {
    const tests = await countBrowserTests();
    const line = "!".repeat(78);
    console.log(`\n${line}\n!! Chromium is not installed at ${chromium}: the BROWSER SUITE DID NOT RUN.`);
    console.log(`!! Install Debian's package (apt-get install -y chromium) to run it.`);
    if (isCI) console.log("!! CI is set, so this FAILS the run.");
    console.log(`${line}\n`);
    results.push(
      isCI
        ? { name, passed: 0, failed: 1, skipped: tests, note: `Chromium missing at ${chromium} (CI: a failure)` }
        : { name, passed: 0, failed: 0, skipped: tests, note: `SKIPPED: Chromium missing at ${chromium}` },
    );
    return;
  }
  const file = join(reports, "e2e.json");
  const port = await freePort(Number(process.env.STOA_E2E_PORT ?? 3210));
  const code = await run(process.execPath, [join(root, "scripts", "e2e.mjs")], { STOA_E2E_JSON: file, STOA_E2E_PORT: String(port) });
  const report = readJson(file);
  if (!report || !report.stats) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, note: `no readable JSON report (exit code ${code}; did the web build or the server fail?)` });
    return;
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  let failed = unexpected;
  const notes = [];
  if (flaky) notes.push(`${flaky} flaky (passed on retry)`);
  // Errors outside any test: the server did not start, a spec did not compile, global setup threw.
  const globalErrors = report.errors ?? [];
  if (globalErrors.length) {
    failed += globalErrors.length;
    notes.push(`${globalErrors.length} error(s) outside tests: ${globalErrors.map((e) => (e.message ?? "").split("\n")[0]).join(" | ")}`);
  }
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(`playwright exited with code ${code}`);
  }
  results.push({ name, passed: expected + flaky, failed, skipped, note: notes.join("; ") });
}

function summarise() {
  banner("summary");
  for (const r of results) {
    const status = r.failed ? "FAIL" : r.passed === 0 && r.skipped ? "SKIP" : "ok  ";
    const counts = `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ""}`;
    console.log(`${status}  ${r.name.padEnd(28)} ${counts}${r.note ? `  (${r.note})` : ""}`);
  }
  const missed = results.find((r) => r.note.startsWith("SKIPPED: Chromium"));
  if (missed) console.log(`!! THE BROWSER SUITE WAS SKIPPED: ${missed.note.replace("SKIPPED: ", "")} (apt-get install -y chromium)`);
  const total = (key) => results.reduce((n, r) => n + r[key], 0);
  const failed = total("failed");
  const skipped = total("skipped");
  rmSync(reports, { recursive: true, force: true });
  console.log(`${total("passed")} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exit(failed > 0 ? 1 : 0);
}

const steps = {
  lint: () => checkStep("lint (eslint)", ["npm", ["run", "--silent", "lint"]]),
  // The browser specs are not in `npm run typecheck`'s projects; Playwright itself never type-checks.
  typecheck: () => checkStep("typecheck (tsc)", ["npm", ["run", "--silent", "typecheck"]], [bin("tsc"), ["-p", "e2e"]]),
  vitest: (extraArgs = []) => vitestStep(extraArgs),
  browser: () => browserStep(),
};

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--only") {
    const step = steps[args[1] ?? ""];
    if (!step) {
      console.log(`test-all: --only takes one of ${Object.keys(steps).join(", ")}`);
      process.exit(2);
    }
    await step(args.slice(2));
    return summarise();
  }
  for (const step of Object.values(steps)) await step();
  summarise();
}

main().catch((error) => {
  console.log(error);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
