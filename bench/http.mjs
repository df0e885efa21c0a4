#!/usr/bin/env node
// HTTP read benchmark: Stoa's authenticated reads against a bare Fastify + pg baseline measured in
// the same invocation (see /work/shared/performance-targets.md and bench/README.md).
//
//   node bench/http.mjs            (or: npm run bench -- http)
//
// Env: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (50), BENCH_WARMUP (s, 2),
//      BENCH_PGLITE (1; 0 skips the PGlite runs), BENCH_COUNT_QUERIES (1; 0 skips counting
//      statements per request), BENCH_PG_URL (admin URL of the PostgreSQL server),
//      BENCH_TIMEOUT (s, hard stop), BENCH_JSON (write the figures to this file),
//      BENCH_NODE_ARGS (extra node flags for the Stoa server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p"),
//      BENCH_LOG_LEVEL (the server's LOG_LEVEL, warn), BENCH_ANALYZE (1; 0 skips ANALYZE after the seed),
//      BENCH_TSX (0: runs the compiled server/dist/main.js as `npm start`; 1: the TypeScript through tsx).
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import {
  analyzeDatabase,
  cleanup,
  committedTransactions,
  cpuSeconds,
  createDatabase,
  freePort,
  installCleanupHandlers,
  pgAdminUrl,
  postgresCpuSeconds,
  root,
  rssMb,
  sampleRss,
  sleep,
  startProcess,
  stopProcess,
  tempDir,
  waitForHttp,
  envNumber,
  signIn,
  stoaServerArgs,
} from "./lib/server.mjs";

const num = envNumber;

const duration = num("BENCH_DURATION", 10, 1);
const connections = Math.round(num("BENCH_CONNECTIONS", 50, 1));
const warmup = num("BENCH_WARMUP", 2);
const withPglite = process.env.BENCH_PGLITE !== "0";
const countQueries = process.env.BENCH_COUNT_QUERIES !== "0";
const analyze = process.env.BENCH_ANALYZE !== "0";
const runs = withPglite ? 10 : 6; // measured runs, each after a warm-up
// PostgreSQL backends publish their statistics up to 10 s after going idle (PGSTAT_IDLE_INTERVAL).
const statsSettleMs = 11_000;
const timeoutSeconds = num("BENCH_TIMEOUT", 300 + runs * (duration + warmup + 5) + (countQueries ? (7 * statsSettleMs) / 1000 : 0));
const demoPassword = "bench-Riverside-2026!";

/** Targets for authenticated reads and memory on PostgreSQL (performance-targets.md). */
const idleWaitMs = Number(process.env.BENCH_IDLE_WAIT_MS ?? 20_000);
const target = { ratio: 0.5, p99Ms: 50, idleMb: 150, loadMb: 300 };

installCleanupHandlers({ timeoutSeconds });

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dbName = `stoa_bench_${stamp}_${process.pid}`;
const bareDbName = `${dbName}_bare`;

// ---------------------------------------------------------------------------------------------

/** One autocannon run; returns the figures we report. */
async function cannon(url, headers, seconds, extra = {}) {
  const result = await autocannon({ url, connections, duration: seconds, headers, pipelining: 1, timeout: 10, ...extra });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    // Requests still in flight when a run stops were sent and are served all the same.
    sent: result.requests.sent,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

let statsClient = null;
/** Transactions committed in a database so far, once every backend has published its statistics. */
async function settledCommits(name) {
  if (!statsClient) {
    statsClient = new pg.Client({ connectionString: pgAdminUrl });
    await statsClient.connect();
  }
  await sleep(statsSettleMs);
  return committedTransactions(statsClient, name);
}

/**
 * Queries per request, exactly: every Stoa and baseline read is autocommit, one statement per
 * transaction, so committed transactions / requests counts the statements. `targets` are results
 * entries (with url and headers); each gets queriesPerRequest.
 */
async function countQueriesOf(db, targets, base) {
  if (!countQueries) return;
  const amount = 500;
  let before = await settledCommits(db);
  for (const entry of targets) {
    const figures = await cannon(base + entry.url, entry.headers, 60, { amount, connections: 10 });
    const after = await settledCommits(db);
    entry.queriesPerRequest = figures.non2xx === 0 && figures.errors === 0 ? (after - before) / amount : null;
    console.log(`  ${`${entry.engine} ${entry.endpoint}`.padEnd(34)} ${entry.queriesPerRequest?.toFixed(2) ?? "?"} queries/request`);
    before = after;
  }
}

const results = [];

/**
 * Measures one endpoint (after a warm-up unless `warmed`): throughput and latency from autocannon,
 * CPU time per request of the server process (`pid`) and of the PostgreSQL backends serving `db`.
 */
async function measure(row, url, { headers = {}, pid, db, warmed = false } = {}) {
  if (!warmed && warmup > 0) await cannon(url, headers, warmup);
  const cpu0 = pid ? cpuSeconds(pid) : null;
  const pg0 = db ? postgresCpuSeconds(db) : null;
  const figures = await cannon(url, headers, duration);
  const served = figures.sent || figures.total;
  if (pid) figures.serverCpuMs = ((cpuSeconds(pid) - cpu0) * 1000) / served;
  if (db) figures.pgCpuMs = ((postgresCpuSeconds(db) - pg0) * 1000) / served;
  // Problems make a figure meaningless (wrong answers, refused connections); timeouts (no answer
  // within 10 s) are a figure of their own: the server is that slow.
  const problems = [];
  if (figures.non2xx > 0) problems.push(`${figures.non2xx} non-2xx responses`);
  if (figures.errors - figures.timeouts > 0) problems.push(`${figures.errors - figures.timeouts} connection errors`);
  if (figures.total === 0) problems.push("no responses");
  const notes = figures.timeouts > 0 ? [`${figures.timeouts} requests timed out (> 10 s)`] : [];
  const entry = { ...row, url: url.replace(/^http:\/\/[^/]+/, ""), headers, ...figures, problems, notes };
  results.push(entry);
  const cpu = [
    figures.serverCpuMs != null ? `server ${figures.serverCpuMs.toFixed(2)}` : "",
    figures.pgCpuMs != null ? `PostgreSQL ${figures.pgCpuMs.toFixed(2)}` : "",
  ].filter(Boolean);
  console.log(
    `  ${`${row.engine} ${row.endpoint}`.padEnd(34)} ${fmtInt(figures.rps).padStart(7)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms` +
      (cpu.length ? `  CPU ms/req: ${cpu.join(", ")}` : "") +
      (problems.length ? `  !! ${problems.join(", ")}` : "") +
      (notes.length ? `  (${notes.join(", ")})` : ""),
  );
  return entry;
}

const fmtInt = (n) => Math.round(n).toLocaleString("en-US");

// ---------------------------------------------------------------------------------------------

async function startBare(kind, url) {
  const port = await freePort();
  const args = [new URL("./lib/bare-server.mjs", import.meta.url).pathname, String(port), kind];
  if (url) args.push(url);
  const proc = startProcess(process.execPath, args, { label: `bare-${kind}` });
  await waitForHttp(`http://127.0.0.1:${port}/hello`, { proc, timeoutMs: 60_000 });
  return { proc, base: `http://127.0.0.1:${port}` };
}

async function startStoa(engine, databaseUrl) {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
    STOA_SEED_DEMO: "true",
    STOA_DEMO_PASSWORD: demoPassword,
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  env.STOA_DATA_DIR = tempDir(`stoa-bench-${engine}-`);
  const proc = startProcess(process.execPath, stoaServerArgs(), { env, cwd: root, label: `stoa-${engine}` });
  const started = Date.now();
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, { proc, timeoutMs: 180_000 });
  console.log(`  Stoa on ${engine} up in ${((Date.now() - started) / 1000).toFixed(1)} s (migrations + demo seed), pid ${proc.pid}`);
  return { proc, base: `http://127.0.0.1:${port}` };
}

/** Signs in once (the login route is rate limited and throttled) and finds a class to read the roster of. */
async function signInTeacher(base) {
  // Only the cookie goes with the measured reads (they are GETs: no CSRF token).
  const headers = { cookie: (await signIn(base, "teacher1", demoPassword)).headers.cookie };
  const classes = await fetch(`${base}/api/classes`, { headers }).then((r) => r.json());
  const items = classes?.data?.items ?? [];
  if (items.length === 0) throw new Error(`teacher1 has no classes: ${JSON.stringify(classes).slice(0, 300)}`);
  const biggest = items.reduce((a, b) => ((b.studentCount ?? 0) > (a.studentCount ?? 0) ? b : a));
  return { headers, classId: biggest.id, classTitle: biggest.title, students: biggest.studentCount, classCount: classes.data.total };
}

/** Stoa's three authenticated reads on one engine, with memory sampled around them. */
async function benchStoa(engine, databaseUrl, db) {
  const stoa = await startStoa(engine, databaseUrl);
  const { pid } = stoa.proc;
  const afterStartMb = rssMb(pid);
  if (databaseUrl && analyze) {
    // The steady state: autovacuum would analyze the freshly seeded tables within a minute or so,
    // possibly in the middle of a run. (PGlite has no autovacuum: its tables stay as they are.)
    await analyzeDatabase(databaseUrl);
    console.log("  ANALYZE after the seed (BENCH_ANALYZE=0 to measure without planner statistics)");
  }
  const session = await signInTeacher(stoa.base);
  console.log(`  signed in as teacher1: ${session.classCount} classes; roster of "${session.classTitle}" (${session.students} students)`);
  const endpoints = [
    ["GET /api/me", "/api/me"],
    ["GET /api/classes", "/api/classes"],
    ["GET /api/classes/:id/roster", `/api/classes/${session.classId}/roster`],
  ];
  for (const [, path] of endpoints) if (warmup > 0) await cannon(stoa.base + path, session.headers, warmup);
  // Idle means idle: V8's memory reducer gives back heap a few seconds after activity stops,
  // so reading RSS one second after the warm-up measured the tail of the load, not the idle server.
  const afterWarmupMb = (await sleep(1_000), rssMb(pid));
  await sleep(idleWaitMs);
  const idleMb = rssMb(pid);
  console.log(`  memory: ${afterWarmupMb} MB just after the warm-up, ${idleMb} MB after ${idleWaitMs / 1000} s idle`);
  const sampler = sampleRss(pid, 200);
  const entries = [];
  for (const [endpoint, path] of endpoints) {
    entries.push(await measure({ engine, endpoint, kind: "stoa" }, stoa.base + path, { headers: session.headers, pid, db, warmed: true }));
  }
  const { peakMb, samples } = sampler.stop();
  if (db) await countQueriesOf(db, entries, stoa.base);
  await stopProcess(stoa.proc, 20_000);
  return { engine, afterStartMb, idleMb, peakMb, samples };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  console.log(
    `HTTP read bench: ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, autocannon -c ${connections} -d ${duration} (warm-up ${warmup} s)`,
  );
  const load = loadavg()[0];
  console.log(
    `  load average ${load.toFixed(2)}${load > 1 ? "  !! the machine is busy: figures will be low and noisy; run on an idle machine" : ""}`,
  );
  const bareUrl = await createDatabase(bareDbName);
  const stoaUrl = await createDatabase(dbName);
  console.log(`  databases ${dbName} and ${bareDbName} (dropped at the end)`);

  console.log("\nBaseline: bare Fastify 5 (no plugins) in its own process");
  const barePg = await startBare("pg", bareUrl);
  await measure({ engine: "bare", endpoint: "hello world", kind: "hello" }, `${barePg.base}/hello`, { pid: barePg.proc.pid });
  const pkPg = await measure(
    { engine: "bare", endpoint: "PK read (PostgreSQL)", kind: "pk", database: "postgres" },
    `${barePg.base}/items/4711`,
    { pid: barePg.proc.pid, db: bareDbName },
  );
  await countQueriesOf(bareDbName, [pkPg], barePg.base);
  let pkLite = null;
  if (withPglite) {
    const bareLite = await startBare("pglite");
    pkLite = await measure(
      { engine: "bare", endpoint: "PK read (PGlite)", kind: "pk", database: "pglite" },
      `${bareLite.base}/items/4711`,
      { pid: bareLite.proc.pid },
    );
    await stopProcess(bareLite.proc);
  }

  const memory = [];
  console.log("\nStoa on PostgreSQL (signed in as teacher1, cookie header)");
  memory.push(await benchStoa("postgres", stoaUrl, dbName));
  // The baseline again, after Stoa: the ratio uses the mean of both readings, and their spread
  // tells whether the machine's load moved during the run.
  console.log("\nBaseline again (bracketing the Stoa runs on PostgreSQL)");
  const pkPgAfter = await measure(
    { engine: "bare", endpoint: "PK read (PostgreSQL), again", kind: "pk", database: "postgres" },
    `${barePg.base}/items/4711`,
    { pid: barePg.proc.pid, db: bareDbName },
  );
  await stopProcess(barePg.proc);
  const pkPgMean = { rps: (pkPg.rps + pkPgAfter.rps) / 2, spread: Math.abs(pkPg.rps - pkPgAfter.rps) / ((pkPg.rps + pkPgAfter.rps) / 2) };
  if (withPglite) {
    console.log("\nStoa on PGlite (fresh temp STOA_DATA_DIR)");
    memory.push(await benchStoa("pglite", null, null));
  }

  report(pkPgMean, pkLite, memory);
  console.log(`load average at the end ${loadavg()[0].toFixed(2)}`);
  if (process.env.BENCH_JSON) {
    const out = {
      date: new Date().toISOString(),
      node: process.version,
      cores: cpus().length,
      cpu: cpus()[0]?.model,
      duration,
      connections,
      warmup,
      target,
      baseline: pkPgMean,
      results: results.map((r) => ({ ...r, headers: undefined })),
      memory,
    };
    writeFileSync(process.env.BENCH_JSON, JSON.stringify(out, null, 2));
    console.log(`figures written to ${process.env.BENCH_JSON}`);
  }
  return results.some((r) => r.problems.length > 0) ? 1 : 0;
}

function report(pkPg, pkLite, memory) {
  const ms = (v) => `${v} ms`;
  const pct = (v) => `${Math.round(v * 100)}%`;
  console.log(`\nResults (autocannon -c ${connections} -d ${duration}; ratio = req/s / bare PK read on the same engine;`);
  console.log(
    `on PostgreSQL the mean of the readings before and after Stoa, which differ by ${pct(pkPg.spread)}${pkPg.spread > 0.2 ? ": the load moved, figures are unreliable" : ""})\n`,
  );
  console.log(
    "| endpoint | engine | req/s | p50 | p99 | ratio to bare PK read | target | result | queries/req | server CPU ms/req | PostgreSQL CPU ms/req |",
  );
  console.log("|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|");
  for (const r of results) {
    const base = r.engine === "pglite" || r.database === "pglite" ? pkLite : pkPg;
    const ratio = base && base.rps > 0 ? r.rps / base.rps : null;
    let tgt = "";
    let verdict = "";
    if (r.kind === "stoa" && r.engine === "postgres") {
      tgt = `>= ${pct(target.ratio)}, p99 < ${target.p99Ms} ms`;
      const misses = [];
      if (ratio === null || ratio < target.ratio) misses.push("ratio");
      if (r.p99 >= target.p99Ms) misses.push("p99");
      verdict = misses.length ? `MISS (${misses.join(", ")})` : "pass";
    } else if (r.kind === "stoa") {
      tgt = "(targets are for PostgreSQL)";
      verdict = "info";
    }
    if (r.notes.length) verdict += `; ${r.notes.join(", ")}`;
    if (r.problems.length) verdict = `INVALID: ${r.problems.join(", ")}`;
    const fix = (v, d) => (v != null && Number.isFinite(v) ? v.toFixed(d) : "");
    const ratioText = r.kind === "hello" ? "" : r.kind === "pk" ? "baseline" : ratio === null ? "n/a" : pct(ratio);
    console.log(
      `| ${r.endpoint} | ${r.engine === "bare" ? (r.database ?? "none") : r.engine} | ${fmtInt(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ratioText} | ${tgt} | ${verdict} | ` +
        `${fix(r.queriesPerRequest, 2)} | ${fix(r.serverCpuMs, 2)} | ${fix(r.pgCpuMs, 2)} |`,
    );
  }
  console.log("\nStoa server memory (VmRSS of the server process; peak sampled every 200 ms during the measured runs)\n");
  console.log("| engine | after start | idle (after warm-up) | peak under load | target | result |");
  console.log("|---|---:|---:|---:|---|---|");
  const mb = (v) => (v == null ? "n/a" : `${Math.round(v)} MB`);
  for (const m of memory) {
    let tgt = "(targets are for PostgreSQL)";
    let verdict = "info";
    if (m.engine === "postgres") {
      tgt = `idle < ${target.idleMb} MB, load < ${target.loadMb} MB`;
      const misses = [];
      if (m.idleMb == null || m.idleMb >= target.idleMb) misses.push("idle");
      if (m.peakMb >= target.loadMb) misses.push("load");
      verdict = misses.length ? `MISS (${misses.join(", ")})` : "pass";
    }
    console.log(`| ${m.engine} | ${mb(m.afterStartMb)} | ${mb(m.idleMb)} | ${mb(m.peakMb)} | ${tgt} | ${verdict} |`);
  }
  console.log("");
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`\nbench/http.mjs failed: ${error instanceof Error ? error.message : error}`);
} finally {
  if (statsClient) await statsClient.end().catch(() => {});
  await cleanup();
}
process.exit(code);
