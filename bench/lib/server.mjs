// Helpers shared by the benchmark scripts: child processes that are always cleaned up, throwaway
// PostgreSQL databases and temp dirs, waiting for a server, memory sampling, free ports.
// Nothing here opens anything but loopback; everything registered here is undone on exit,
// on SIGINT/SIGTERM and on an uncaught error.
/* global FormData -- Node 20+ has it, beside fetch */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The PostgreSQL server the benches use, as an admin URL (any database name is replaced). */
export const pgAdminUrl = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A URL to database `name` on the bench PostgreSQL server. */
export function pgUrl(name) {
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// ---------------------------------------------------------------------------------------------
// Cleanup registry

const children = new Set(); // live ChildProcess objects we spawned (each leads its own process group)
const tempDirs = new Set();
const asyncCleanups = []; // async steps (dropping databases) run by cleanup()
let cleaning = null;

function killGroup(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the group we created with detached: true
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Synchronous last resort (process 'exit'): kill every child we started, remove temp dirs. */
function cleanupSync() {
  for (const child of children) killGroup(child, "SIGKILL");
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Stops every child process, runs async cleanups (newest first), removes temp dirs. Idempotent. */
export function cleanup() {
  cleaning ??= (async () => {
    await Promise.all([...children].map((c) => stopProcess(c)));
    while (asyncCleanups.length > 0) {
      const step = asyncCleanups.pop();
      try {
        await step();
      } catch (error) {
        console.error(`bench cleanup: ${error instanceof Error ? error.message : error}`);
      }
    }
    cleanupSync();
  })();
  return cleaning;
}

/** Registers an async cleanup step (run by cleanup(), newest first). */
export function onCleanup(step) {
  asyncCleanups.push(step);
}

let handlersInstalled = false;
/**
 * Installs exit handlers: SIGINT/SIGTERM and uncaught errors clean up and exit; a hard timeout
 * (seconds) stops a stuck run. Call once at the start of a bench script.
 */
export function installCleanupHandlers({ timeoutSeconds } = {}) {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", cleanupSync);
  const bail = (why, code) => {
    console.error(`\nbench: ${why}; cleaning up`);
    const force = setTimeout(() => process.exit(code), 15_000);
    force.unref();
    void cleanup().finally(() => process.exit(code));
  };
  process.once("SIGINT", () => bail("interrupted", 130));
  process.once("SIGTERM", () => bail("terminated", 143));
  process.on("uncaughtException", (error) => bail(`uncaught error: ${error?.stack ?? error}`, 1));
  process.on("unhandledRejection", (error) => bail(`unhandled rejection: ${error?.stack ?? error}`, 1));
  if (timeoutSeconds) setTimeout(() => bail(`took longer than ${timeoutSeconds} s (BENCH_TIMEOUT)`, 124), timeoutSeconds * 1000).unref();
}

// ---------------------------------------------------------------------------------------------
// Processes

/**
 * Starts a child process in its own process group, output kept in a ring buffer (shown on failure,
 * or streamed with `echo`). Returns { child, pid, output(), exited }.
 */
export function startProcess(command, args, { env = process.env, cwd = root, echo = false, label = command } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const lines = [];
  const keep = (chunk) => {
    const text = chunk.toString();
    if (echo) process.stdout.write(text.replace(/^(?=.)/gm, `  [${label}] `));
    lines.push(...text.split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolveExit) => {
    child.on("exit", (code, signal) => {
      children.delete(child);
      resolveExit({ code, signal });
    });
    child.on("error", (error) => {
      children.delete(child);
      lines.push(`spawn error: ${error.message}`);
      resolveExit({ code: -1, signal: null });
    });
  });
  return { child, pid: child.pid, label, output: () => lines.join("\n"), exited };
}

/** Stops a child: SIGTERM to its group, SIGKILL after graceMs. Resolves when it has exited. */
export async function stopProcess(procOrChild, graceMs = 5_000) {
  const child = procOrChild.child ?? procOrChild;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  // The group may still hold grandchildren (none expected); make sure nothing lingers.
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    /* group empty */
  }
}

/** Waits until GET url answers 200, or fails (with the process output) on timeout or early exit. */
export async function waitForHttp(url, { proc, timeoutMs = 120_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  proc?.exited.then((e) => (exited = e));
  for (;;) {
    if (exited)
      throw new Error(`${proc.label} exited (code ${exited.code}, signal ${exited.signal}) before ${url} answered:\n${proc.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer within ${timeoutMs / 1000} s${proc ? `; output:\n${proc.output()}` : ""}`);
    await sleep(250);
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Memory

/** Resident set size of a process in MB (VmRSS), or null when it is gone. */
export function rssMb(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples VmRSS every intervalMs until stop(); stop() returns { peakMb, samples }. */
export function sampleRss(pid, intervalMs = 200) {
  let peakMb = 0;
  let samples = 0;
  const take = () => {
    const mb = rssMb(pid);
    if (mb !== null) {
      peakMb = Math.max(peakMb, mb);
      samples++;
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakMb, samples };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Temp dirs and databases

/** A fresh temp dir, removed at cleanup. */
export function tempDir(prefix = "stoa-bench-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Runs fn with a client on the admin database. */
export async function withAdmin(fn) {
  const client = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const ident = (name) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe database name: ${name}`);
  return `"${name}"`;
};

/**
 * Creates an empty database (dropped at cleanup, even on failure, unless BENCH_KEEP_DB=1 keeps it
 * for a look with EXPLAIN afterwards); returns its URL.
 */
export async function createDatabase(name) {
  await withAdmin((c) => c.query(`create database ${ident(name)}`));
  if (process.env.BENCH_KEEP_DB === "1") console.log(`  keeping database ${name} (BENCH_KEEP_DB=1)`);
  else onCleanup(() => dropDatabase(name));
  return pgUrl(name);
}

/** Drops a database, ending connections still open to it. */
export async function dropDatabase(name) {
  await withAdmin((c) => c.query(`drop database if exists ${ident(name)} with (force)`));
}

/** Transactions committed in a database so far (each autocommit statement is one). */
export async function committedTransactions(admin, name) {
  await admin.query("select pg_stat_clear_snapshot()");
  const { rows } = await admin.query("select xact_commit::bigint as n from pg_stat_database where datname = $1", [name]);
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// CPU time

const clockTicks = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, or null when it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime, stime
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by the PostgreSQL backends connected to one database (their titles read
 * "postgres: <user> <database> <client> <state>"). A backend that has exited is no longer counted,
 * so take both readings while the pool is busy.
 */
export function postgresCpuSeconds(database) {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== "postgres") continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      if (!title.split(/\s+/).includes(database)) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / clockTicks;
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
  return total;
}

/** Runs ANALYZE in a database (fresh tables have no planner statistics until autovacuum's next pass). */
export async function analyzeDatabase(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query("analyze");
  } finally {
    await client.end();
  }
}

/** A numeric setting from the environment (BENCH_…), or `fallback`; exits with a message when it is not a number >= min. */
export function envNumber(name, fallback, min = 0) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    console.error(`${name} must be a number >= ${min}, not ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

const useTsx = process.env.BENCH_TSX === "1";
let serverBuilt = false;

/**
 * The node arguments that start Stoa as `npm start` does: the compiled server/dist/main.js (built
 * once per bench run), or with BENCH_TSX=1 the TypeScript through tsx as `npm run dev`; preceded
 * by BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p"). One process, so its pid is the server's.
 */
export function stoaServerArgs() {
  if (!useTsx && !serverBuilt) {
    const result = spawnSync(process.execPath, ["scripts/build-server.mjs"], { cwd: root, stdio: "inherit" });
    if (result.status !== 0) throw new Error("the server did not compile (node scripts/build-server.mjs)");
    serverBuilt = true;
  }
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  return [...nodeArgs, ...(useTsx ? ["--import", "tsx", "server/src/main.ts"] : ["server/dist/main.js"])];
}

/** Signs in to a Stoa under bench: the session cookie and CSRF headers, and `call(method, path, payload)` (JSON or FormData). */
export async function signIn(base, login, password) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`sign-in as ${login} failed: ${res.status} ${JSON.stringify(body)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("stoa_session="));
  const headers = { cookie, "x-csrf-token": body.data.csrfToken };
  const call = async (method, path, payload) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(payload === undefined || payload instanceof FormData ? {} : { "content-type": "application/json" }) },
      body: payload === undefined ? undefined : payload instanceof FormData ? payload : JSON.stringify(payload),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
  return { headers, call };
}
