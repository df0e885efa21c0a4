#!/usr/bin/env node
// Discussions benchmark (issue 4), on PostgreSQL, in one invocation:
//   1. reading a 20-post thread signed in (GET /api/discussions/threads/:id: authors, reactions,
//      attachments, the SQL visibility rules) beside a bare Fastify + pg read of the 20 newest
//      posts joined with their authors;
//   2. posting a reply with BENCH_CONNECTIONS (50) connections (POST …/posts: authorization,
//      sanitising, the insert, the thread's counters, the outbox event and notifications in one
//      transaction) beside a bare single-row insert.
// Prints requests per second, latencies and the Stoa/bare ratios.
//
//   node bench/discussions.mjs            (or: npm run bench -- discussions)
//
// Env: BENCH_DURATION (s, 10), BENCH_CONNECTIONS (50), BENCH_WARMUP (s, 2), BENCH_PG_URL,
//      BENCH_TIMEOUT (s), BENCH_JSON (write the figures to this file), BENCH_LOG_LEVEL (warn),
//      BENCH_ONLY ("read" or "post": only that run), BENCH_NODE_ARGS (extra node flags for the server).
// Each run prints the CPU the server process and PostgreSQL spent per request.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import {
  analyzeDatabase,
  cleanup,
  createDatabase,
  cpuSeconds,
  postgresCpuSeconds,
  envNumber,
  freePort,
  installCleanupHandlers,
  root,
  signIn,
  startProcess,
  stoaServerArgs,
  stopProcess,
  tempDir,
  waitForHttp,
} from "./lib/server.mjs";

// --- The bare baseline runs as a child of this same script: `discussions.mjs --bare <port> <url> <threadId>`.
if (process.argv[2] === "--bare") {
  const [, , , portArg, url, threadId] = process.argv;
  const { default: Fastify } = await import("fastify");
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const { rows } = await pool.query(
    `select t.district_id, t.author_id, p.id as opening_id from discussion_threads t
       join discussion_posts p on p.thread_id = t.id and p.parent_id is null where t.id = $1`,
    [threadId],
  );
  const thread = rows[0];
  const app = Fastify({ logger: false });
  app.get("/hello", async () => ({ hello: "world" }));
  app.get("/thread", async () => {
    const result = await pool.query(
      `select p.id, p.parent_id, p.body, p.status, p.created_at, u.given_name, u.family_name
         from discussion_posts p join users u on u.id = p.author_id
        where p.thread_id = $1 order by p.created_at desc limit 20`,
      [threadId],
    );
    return { data: result.rows };
  });
  app.post("/posts", async (request) => {
    const body = String(request.body?.body ?? "");
    const result = await pool.query(
      `insert into discussion_posts (district_id, thread_id, parent_id, author_id, body, body_text) values ($1, $2, $3, $4, $5, $5) returning id, created_at`,
      [thread.district_id, threadId, thread.opening_id, thread.author_id, body],
    );
    return { data: result.rows[0] };
  });
  await app.listen({ port: Number(portArg), host: "127.0.0.1" });
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
} else {
  await main();
}

async function main() {
  const num = envNumber;
  const duration = num("BENCH_DURATION", 10, 1);
  const connections = Math.round(num("BENCH_CONNECTIONS", 50, 1));
  const warmup = num("BENCH_WARMUP", 2);
  const only = process.env.BENCH_ONLY ?? ""; // "read" or "post": one of the two runs
  const timeoutSeconds = num("BENCH_TIMEOUT", 400 + 4 * (duration + warmup));
  const demoPassword = "bench-Riverside-2026!";
  installCleanupHandlers({ timeoutSeconds });
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dbName = `stoa_bench_discussions_${stamp}_${process.pid}`;
  const fmt = (n, digits = 0) => Number(n).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const failed = [];

  const cannon = async (url, options, seconds) => {
    const r = await autocannon({ url, connections, duration: seconds, pipelining: 1, timeout: 10, ...options });
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, total: r.requests.total };
  };
  /** One measured run after a warm-up, with the CPU the server process (`pid`) and PostgreSQL spent per request. */
  const measure = async (label, url, options, pid) => {
    if (warmup > 0) await cannon(url, options, warmup);
    const cpu0 = cpuSeconds(pid);
    const pg0 = postgresCpuSeconds(dbName);
    const f = await cannon(url, options, duration);
    f.serverCpuMs = ((cpuSeconds(pid) - cpu0) * 1000) / f.total;
    f.pgCpuMs = ((postgresCpuSeconds(dbName) - pg0) * 1000) / f.total;
    const problems = [
      f.non2xx ? `${f.non2xx} non-2xx` : "",
      f.errors ? `${f.errors} errors` : "",
      f.total === 0 ? "no responses" : "",
    ].filter(Boolean);
    console.log(
      `  ${label.padEnd(46)} ${fmt(f.rps).padStart(7)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  CPU ms/req: server ${fmt(f.serverCpuMs, 2)}, PostgreSQL ${fmt(f.pgCpuMs, 2)}${problems.length ? `  !! ${problems.join(", ")}` : ""}`,
    );
    if (problems.length) failed.push(label);
    return { label, ...f, problems };
  };

  const startStoa = async (databaseUrl) => {
    const port = await freePort();
    const env = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
      STOA_SEED_DEMO: "true",
      STOA_DEMO_PASSWORD: demoPassword,
      DATABASE_URL: databaseUrl,
      STOA_DATA_DIR: tempDir("stoa-bench-discussions-"),
      // The posting limit (10 a minute per person) would answer 429 to a load test from one person.
      DISCUSSION_POSTS_PER_MINUTE: "1000000",
    };
    delete env.REDIS_URL;
    const proc = startProcess(process.execPath, stoaServerArgs(), { env, cwd: root, label: "stoa-pg" });
    const started = Date.now();
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, { proc, timeoutMs: 180_000 });
    console.log(`  Stoa on PostgreSQL up in ${((Date.now() - started) / 1000).toFixed(1)} s (migrations + demo seed), pid ${proc.pid}`);
    return { proc, base: `http://127.0.0.1:${port}` };
  };

  const results = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() } };
  try {
    console.log(
      `discussions bench: ${cpus().length} CPUs (${cpus()[0]?.model}), load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    const url = await createDatabase(dbName);
    const stoa = await startStoa(url);

    // --- A board in teacher1's first class, a thread of 20 posts (opening + 19 nested replies), reactions on each.
    const teacher = await signIn(stoa.base, "teacher1", demoPassword);
    const cls = (await teacher.call("GET", "/api/classes?status=active&pageSize=10")).data.items[0];
    const board = (await teacher.call("POST", "/api/discussions/boards", { classId: cls.id, title: "Bench board" })).data;
    const thread = (
      await teacher.call("POST", `/api/discussions/boards/${board.id}/threads`, { title: "Bench thread", body: "<p>Opening post</p>" })
    ).data;
    const roster = (await teacher.call("GET", `/api/classes/${cls.id}/roster`)).data.filter((e) => e.role === "student" && e.username);
    const students = [];
    for (const entry of roster.slice(0, 3)) students.push(await signIn(stoa.base, entry.username, demoPassword));
    let parentId = null;
    for (let i = 0; i < 19; i++) {
      const author = students[i % students.length] ?? teacher;
      const reply = (
        await author.call("POST", `/api/discussions/threads/${thread.id}/posts`, {
          parentId,
          body: `<p>Reply ${i + 1}: ${"a thought about the river and its banks. ".repeat(6)}</p>`,
        })
      ).data;
      if (i % 3 === 0) parentId = reply.id;
      for (const reactor of [teacher, ...students].slice(0, 1 + (i % 3)))
        await reactor.call("PUT", `/api/discussions/posts/${reply.id}/reactions/like`);
    }
    // A term of older discussions on another board: 1,000 threads of 20 posts, a reaction on each
    // post. Without them the planner's statistics describe a district with 20 posts, generic plans
    // scan whole tables, and each reply costs more as the bench's thread grows.
    const older = (await teacher.call("POST", "/api/discussions/boards", { classId: cls.id, title: "Last term" })).data;
    const history = new pg.Client({ connectionString: url });
    await history.connect();
    await history.query(
      `with t as (
         insert into discussion_threads (district_id, board_id, title, author_id, created_at)
         select b.district_id, b.id, 'Older thread ' || g, $2, now() - interval '100 days' from discussion_boards b, generate_series(1, 1000) g
         where b.id = $1 returning id, district_id, author_id, created_at)
       insert into discussion_posts (district_id, thread_id, parent_id, author_id, body, body_text, created_at)
       select t.district_id, t.id, null, t.author_id, '<p>An older opening post</p>', 'An older opening post', t.created_at from t`,
      [older.id, thread.author.id],
    );
    await history.query(
      `insert into discussion_posts (district_id, thread_id, parent_id, author_id, body, body_text, created_at)
       select p.district_id, p.thread_id, p.id, p.author_id, '<p>An older reply ' || g || '</p>', 'An older reply ' || g, p.created_at + g * interval '1 minute'
       from discussion_posts p join discussion_threads t on t.id = p.thread_id, generate_series(1, 19) g
       where t.board_id = $1 and p.parent_id is null`,
      [older.id],
    );
    await history.query(
      `insert into discussion_reactions (post_id, user_id, kind)
       select p.id, p.author_id, 'like' from discussion_posts p join discussion_threads t on t.id = p.thread_id where t.board_id = $1`,
      [older.id],
    );
    await history.end();
    await analyzeDatabase(url);
    const reader = students[0] ?? teacher;
    const detail = (await reader.call("GET", `/api/discussions/threads/${thread.id}`)).data;
    console.log(`  thread ${thread.id}: ${detail.posts.length} posts visible to the reader`);

    const barePort = await freePort();
    const bare = startProcess(process.execPath, [new URL(import.meta.url).pathname, "--bare", String(barePort), url, thread.id], {
      label: "bare-pg",
    });
    await waitForHttp(`http://127.0.0.1:${barePort}/hello`, { proc: bare, timeoutMs: 60_000 });
    const bareBase = `http://127.0.0.1:${barePort}`;

    if (only !== "post") {
      console.log(`\n1. Reading a 20-post thread (${connections} connections, ${duration} s):`);
      const read = await measure(
        "Stoa GET /api/discussions/threads/:id",
        `${stoa.base}/api/discussions/threads/${thread.id}`,
        { headers: { cookie: reader.headers.cookie } },
        stoa.proc.pid,
      );
      const bareRead = await measure("bare 20 newest posts joined with authors", `${bareBase}/thread`, {}, bare.pid);
      results.read = { stoa: read, bare: bareRead, ratio: read.rps / bareRead.rps };
      console.log(`  ratio Stoa/bare: ${(results.read.ratio * 100).toFixed(0)}%`);
    }

    if (only !== "read") {
      console.log(`\n2. Posting a reply (${connections} connections, ${duration} s):`);
      const body = JSON.stringify({ body: "<p>A reply from the bench, <strong>with</strong> a little markup.</p>" });
      const postHeaders = { ...reader.headers, "content-type": "application/json" };
      const post = await measure(
        "Stoa POST /api/discussions/threads/:id/posts",
        `${stoa.base}/api/discussions/threads/${thread.id}/posts`,
        { method: "POST", headers: postHeaders, body },
        stoa.proc.pid,
      );
      const barePost = await measure(
        "bare insert of one post",
        `${bareBase}/posts`,
        { method: "POST", headers: { "content-type": "application/json" }, body },
        bare.pid,
      );
      results.post = { stoa: post, bare: barePost, ratio: post.rps / barePost.rps };
      console.log(`  ratio Stoa/bare: ${(results.post.ratio * 100).toFixed(0)}%`);
    }

    await stopProcess(bare);
    await stopProcess(stoa.proc);
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
  } finally {
    await cleanup();
  }
  if (failed.length) {
    console.error(`\nruns with problems: ${failed.join(", ")}`);
    process.exitCode = 1;
  }
}
