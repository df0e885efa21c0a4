#!/usr/bin/env node
// Real-time fan-out benchmark: Stoa's WebSocket delivery against a bare `ws` server measured in the
// same invocation (see /work/shared/performance-targets.md and bench/README.md).
//
//   node bench/realtime.mjs          (or: npm run bench -- realtime)
//
// Env: BENCH_RT_SIZES (subscribers, default "1000,5000"), BENCH_RT_EVENTS (events per size, 20),
//      BENCH_RT_FLOOD (events in the sustained run, 200), BENCH_RT_FLOOD_CLIENTS (1000),
//      BENCH_RT_REDIS (1; 0 skips the two-process run), BENCH_REDIS_URL (redis://127.0.0.1:6379),
//      BENCH_PG_URL (admin URL of the PostgreSQL server), BENCH_TIMEOUT (s, hard stop),
//      BENCH_JSON (write the figures to this file), BENCH_LOG_LEVEL (server LOG_LEVEL, warn).
import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import pg from "pg";
import {
  cleanup,
  createDatabase,
  envNumber,
  freePort,
  installCleanupHandlers,
  onCleanup,
  root,
  sleep,
  signIn,
  startProcess,
  stoaServerArgs,
  stopProcess,
  tempDir,
  waitForHttp,
} from "./lib/server.mjs";

const sizes = (process.env.BENCH_RT_SIZES ?? "1000,5000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const eventsPerSize = Math.round(envNumber("BENCH_RT_EVENTS", 20, 3));
const flood = Math.round(envNumber("BENCH_RT_FLOOD", 200, 10));
const floodClients = Math.round(envNumber("BENCH_RT_FLOOD_CLIENTS", 1000, 10));
const withRedis = process.env.BENCH_RT_REDIS !== "0";
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const demoPassword = "bench-Riverside-2026!";
const timeoutSeconds = envNumber("BENCH_TIMEOUT", 1500);
const target = { p99Ms: { 1000: 100, 5000: 250 }, sustainedRatio: 0.6, redisAddsMs: 5 };

installCleanupHandlers({ timeoutSeconds });
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const redisPrefix = `stoa:bench-${stamp}-${process.pid}:`;
const now = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------

/** The client swarm in its own process; `ask` sends a command and waits for its answer. */
function startSwarm() {
  const child = fork(new URL("./lib/ws-swarm.mjs", import.meta.url).pathname, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  onCleanup(() => child.kill("SIGKILL"));
  const answers = [];
  const waiting = [];
  child.on("message", (m) => {
    if (m.error) throw new Error(`swarm: ${m.error}`);
    const w = waiting.shift();
    if (w) w(m);
    else answers.push(m);
  });
  const next = (ms = 120_000) =>
    new Promise((resolve, reject) => {
      if (answers.length) return resolve(answers.shift());
      const timer = setTimeout(() => reject(new Error(`swarm did not answer within ${ms / 1000} s`)), ms);
      waiting.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
  return {
    ready: next(),
    /** Sends a command; resolves with its first answer (`armed` commands answer again later: use next()). */
    ask: (message, ms) => {
      child.send(message);
      return next(ms);
    },
    next,
    stop: () => child.kill("SIGKILL"),
  };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const median = (values) =>
  pct(
    [...values].sort((a, b) => a - b),
    50,
  );
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/**
 * Sends `eventsPerSize` single events, one at a time; for each, the time from the trigger until
 * every socket had it. Returns the median and p99 of those, and the median per-socket latency.
 */
async function measureFanout(swarm, trigger, fixedMarker) {
  const allReceived = [];
  const perSocket = [];
  for (let i = 0; i < eventsPerSize + 2; i++) {
    // A fixed marker (an event type) is safe: each event is received by all before the next is sent.
    const marker = fixedMarker ?? `m${stamp}x${i}x${Math.random().toString(36).slice(2, 8)}`;
    await swarm.ask({ cmd: "expect", marker });
    const t0 = now();
    await trigger(marker);
    const { times } = await swarm.next(30_000);
    if (i < 2) continue; // warm-up
    const latencies = times.map((t) => t - t0).sort((a, b) => a - b);
    allReceived.push(latencies[latencies.length - 1]);
    perSocket.push(median(latencies));
    await sleep(50);
  }
  const sorted = [...allReceived].sort((a, b) => a - b);
  return { median: pct(sorted, 50), p99: pct(sorted, 99), max: sorted[sorted.length - 1], socketMedian: median(perSocket) };
}

/** Sends `flood` events at once; deliveries per second until every socket had every one. */
async function measureSustained(swarm, clients, trigger) {
  const marker = `f${stamp}x${Math.random().toString(36).slice(2, 8)}`;
  await swarm.ask({ cmd: "count", marker, total: clients * flood });
  const t0 = now();
  await trigger(marker, flood);
  const { at } = await swarm.next(300_000);
  return (clients * flood) / ((at - t0) / 1000);
}

// ---------------------------------------------------------------------------------------------

async function benchBare() {
  const port = await freePort();
  const proc = startProcess(process.execPath, [new URL("./lib/bare-ws-server.mjs", import.meta.url).pathname, String(port)], {
    label: "bare-ws",
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/health`, { proc, timeoutMs: 30_000 });
  const results = { fanout: {}, sustained: 0 };
  const send = (marker, repeat = 1) =>
    fetch(`${base}/broadcast?marker=${marker}&repeat=${repeat}`, { method: "POST" }).then((r) => r.text());
  for (const n of sizes) {
    const swarm = startSwarm();
    await swarm.ready;
    await swarm.ask({ cmd: "connect", urls: [`ws://127.0.0.1:${port}/ws`], n, headers: {} }, 300_000);
    results.fanout[n] = await measureFanout(swarm, (marker) => send(marker));
    if (n === floodClients) results.sustained = await measureSustained(swarm, n, send);
    swarm.stop();
  }
  if (!sizes.includes(floodClients)) {
    const swarm = startSwarm();
    await swarm.ready;
    await swarm.ask({ cmd: "connect", urls: [`ws://127.0.0.1:${port}/ws`], n: floodClients, headers: {} }, 300_000);
    results.sustained = await measureSustained(swarm, floodClients, send);
    swarm.stop();
  }
  await stopProcess(proc);
  return results;
}

async function startStoa(databaseUrl, { seed, redis }) {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
    STOA_SEED_DEMO: seed ? "true" : "false",
    STOA_DEMO_PASSWORD: demoPassword,
    DATABASE_URL: databaseUrl,
    STOA_DATA_DIR: tempDir("stoa-bench-rt-"),
    // The posting limit (10 a minute per person) would answer 429 to the bench's one poster.
    DISCUSSION_POSTS_PER_MINUTE: "1000000",
  };
  delete env.REDIS_URL;
  if (redis) {
    env.REDIS_URL = redisUrl;
    env.REDIS_PREFIX = redisPrefix;
  }
  const proc = startProcess(process.execPath, stoaServerArgs(), { env, cwd: root, label: `stoa-${port}` });
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, { proc, timeoutMs: 180_000 });
  return { proc, base: `http://127.0.0.1:${port}` };
}

/** A thread in teacher1's first class, where the bench posts. */
async function prepareThread(base) {
  const teacher = await signIn(base, "teacher1", demoPassword);
  const cls = (await teacher.call("GET", "/api/classes?status=active&pageSize=10")).data.items[0];
  const board = (await teacher.call("POST", "/api/discussions/boards", { classId: cls.id, title: "Fan-out board" })).data;
  const thread = (
    await teacher.call("POST", `/api/discussions/boards/${board.id}/threads`, { title: "Fan-out", body: "<p>Watch this</p>" })
  ).data;
  return { threadId: thread.id };
}

async function benchStoa(client, districtId, threadId, servers, label) {
  // teacher1 posts through the API of the first server and watches the thread on every socket (one
  // person: presence stays one member, the fan-out is the same).
  const teacher = await signIn(servers[0].base, "teacher1", demoPassword);
  const { cookie } = teacher.headers;
  const room = `thread:${threadId}`;
  const urls = servers.map((s) => `${s.base.replace("http", "ws")}/api/realtime`);
  const headers = { cookie, origin: servers[0].base };
  // One reply: the API stores it and its event; its commit wakes the outbox reader (here or, through Redis, in the other process).
  const post = async () => {
    const res = await teacher.call("POST", `/api/discussions/threads/${threadId}/posts`, { body: "<p>A reply everyone watches</p>" });
    if (!res?.data?.id) throw new Error(`posting failed: ${JSON.stringify(res).slice(0, 300)}`);
  };
  // The sustained run's flood: events written straight into the outbox, then one post whose commit wakes the reader.
  const floodThenPost = async (marker, count) => {
    await client.query(
      `insert into events (district_id, type, rooms, payload)
       select $1, 'bench.event', array[$2], jsonb_build_object('m', $3::text, 'i', g) from generate_series(1, $4::int) g`,
      [districtId, room, marker, count],
    );
    await post();
  };
  const results = { fanout: {}, sustained: 0 };
  for (const n of sizes) {
    const swarm = startSwarm();
    await swarm.ready;
    // Each server checks the Origin against its own address: one origin header per server.
    if (servers.length === 1) await swarm.ask({ cmd: "connect", urls, n, headers, room }, 600_000);
    else {
      for (const [k, s] of servers.entries())
        await swarm.ask(
          { cmd: "connect", urls: [urls[k]], n: Math.floor(n / servers.length), headers: { cookie, origin: s.base }, room },
          600_000,
        );
    }
    console.log(`  ${label}: ${n} subscribers connected`);
    results.fanout[n] = await measureFanout(swarm, post, "discussion.post_created");
    if (n === floodClients && servers.length === 1) results.sustained = await measureSustained(swarm, n, floodThenPost);
    swarm.stop();
    await sleep(1000);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

console.log(
  `real-time bench: ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(`  sizes ${sizes.join(", ")}; ${eventsPerSize} events each; sustained: ${flood} events to ${floodClients} sockets`);
const loadBefore = loadavg();

console.log("\nbare ws server");
const bare = await benchBare();

const databaseUrl = await createDatabase(`stoa_bench_rt_${stamp}_${process.pid}`);
const client = new pg.Client({ connectionString: databaseUrl });
const one = await startStoa(databaseUrl, { seed: true, redis: false });
await client.connect();
onCleanup(() => client.end());
const districtId = (await client.query("select district_id as id from users where username = $1", ["admin"])).rows[0].id;
const { threadId } = await prepareThread(one.base);
console.log("\nStoa, one process (PostgreSQL)");
const single = await benchStoa(client, districtId, threadId, [one], "one process");
await stopProcess(one.proc);

let redis = null;
if (withRedis) {
  console.log("\nStoa, two processes through Redis (PostgreSQL)");
  const a = await startStoa(databaseUrl, { seed: false, redis: true });
  const b = await startStoa(databaseUrl, { seed: false, redis: true });
  redis = await benchStoa(client, districtId, threadId, [a, b], "two processes");
  await stopProcess(a.proc);
  await stopProcess(b.proc);
}
const loadAfter = loadavg();

// ---------------------------------------------------------------------------------------------

const rows = [];
const mark = (ok) => (ok ? "meets" : "MISSES");
console.log("\n| run | subscribers | all received: median | p99 | max | per-socket median | target |");
console.log("|---|---|---|---|---|---|---|");
for (const n of sizes) {
  const b = bare.fanout[n];
  const s = single.fanout[n];
  const goal = target.p99Ms[n];
  console.log(`| bare ws | ${n} | ${fmt(b.median)} ms | ${fmt(b.p99)} ms | ${fmt(b.max)} ms | ${fmt(b.socketMedian)} ms | |`);
  console.log(
    `| Stoa, one process | ${n} | ${fmt(s.median)} ms | ${fmt(s.p99)} ms | ${fmt(s.max)} ms | ${fmt(s.socketMedian)} ms | ${goal ? `p99 < ${goal} ms: ${mark(s.p99 < goal)}` : ""} |`,
  );
  rows.push({ n, bare: b, single: s });
  if (redis) {
    const r = redis.fanout[n];
    const added = r.p99 - s.p99;
    console.log(
      `| Stoa, two processes + Redis | ${n} | ${fmt(r.median)} ms | ${fmt(r.p99)} ms | ${fmt(r.max)} ms | ${fmt(r.socketMedian)} ms | adds ${fmt(added)} ms at p99 (< ${target.redisAddsMs}): ${mark(added < target.redisAddsMs)} |`,
    );
    rows[rows.length - 1].redis = r;
  }
}
const ratio = single.sustained / bare.sustained;
console.log(`\nsustained deliveries/s (${flood} events to ${floodClients} sockets, one server process):`);
console.log(
  `  bare ws ${Math.round(bare.sustained)}/s, Stoa ${Math.round(single.sustained)}/s: ${(ratio * 100).toFixed(0)}% (target >= ${target.sustainedRatio * 100}%: ${mark(ratio >= target.sustainedRatio)})`,
);
console.log(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")}`);
if (process.env.BENCH_JSON)
  writeFileSync(
    process.env.BENCH_JSON,
    JSON.stringify({ rows, sustained: { bare: bare.sustained, stoa: single.sustained, ratio }, loadBefore, loadAfter }, null, 2),
  );

await client.end().catch(() => undefined);
await cleanup();
process.exit(0);
