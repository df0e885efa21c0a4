#!/usr/bin/env node
// Portfolio benchmark (issue 5), on PostgreSQL, in one invocation:
//   1. viewing a shared page: the secret-link view (no sign-in) and a signed-in viewer's
//      GET /api/portfolio/pages/:id, under autocannon beside the bare primary-key read;
//   2. uploading 100 images of ~3 MB concurrently: throughput and the server's peak RSS
//      (uploads must stream, not buffer whole files);
//   3. exporting a portfolio of 200 artifacts (100 with image files) as the HTML archive: time,
//      archive size and the server's peak RSS.
//
//   node bench/portfolio.mjs            (or: npm run bench -- portfolio)
//
// Env: BENCH_DURATION (s, 10), BENCH_CONNECTIONS (50), BENCH_WARMUP (s, 2), BENCH_UPLOADS (100),
//      BENCH_UPLOAD_MB (3), BENCH_ARTIFACTS (200), BENCH_PG_URL, BENCH_TIMEOUT (s), BENCH_JSON,
//      BENCH_LOG_LEVEL (warn).
import { writeFileSync } from "node:fs";
import { Blob } from "node:buffer";
/* global FormData -- Node 20+ has it, beside fetch */
import { cpus, loadavg } from "node:os";
import autocannon from "autocannon";
import sharp from "sharp";
import {
  analyzeDatabase,
  cleanup,
  createDatabase,
  freePort,
  installCleanupHandlers,
  root,
  rssMb,
  sampleRss,
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
const uploads = Math.round(num("BENCH_UPLOADS", 100, 1));
const uploadMb = num("BENCH_UPLOAD_MB", 3, 0.1);
const artifactCount = Math.round(num("BENCH_ARTIFACTS", 200, 1));
const timeoutSeconds = num("BENCH_TIMEOUT", 600 + 4 * (duration + warmup));
const demoPassword = "bench-Riverside-2026!";

installCleanupHandlers({ timeoutSeconds });

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dbName = `stoa_bench_portfolio_${stamp}_${process.pid}`;
const fmt = (n, digits = 0) => Number(n).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function cannon(url, headers, seconds) {
  const r = await autocannon({ url, connections, duration: seconds, headers, pipelining: 1, timeout: 10 });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, total: r.requests.total };
}

async function measure(label, url, headers = {}) {
  if (warmup > 0) await cannon(url, headers, warmup);
  const f = await cannon(url, headers, duration);
  const problems = [
    f.non2xx ? `${f.non2xx} non-2xx` : "",
    f.errors ? `${f.errors} errors` : "",
    f.total === 0 ? "no responses" : "",
  ].filter(Boolean);
  console.log(
    `  ${label.padEnd(44)} ${fmt(f.rps).padStart(7)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms${problems.length ? `  !! ${problems.join(", ")}` : ""}`,
  );
  if (problems.length) failed.push(label);
  return { label, ...f, problems };
}

const failed = [];

async function startBare(url) {
  const port = await freePort();
  const proc = startProcess(process.execPath, [new URL("./lib/bare-server.mjs", import.meta.url).pathname, String(port), "pg", url], {
    label: "bare-pg",
  });
  await waitForHttp(`http://127.0.0.1:${port}/hello`, { proc, timeoutMs: 60_000 });
  return { proc, base: `http://127.0.0.1:${port}` };
}

async function startStoa(databaseUrl) {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
    STOA_SEED_DEMO: "true",
    STOA_DEMO_PASSWORD: demoPassword,
    DATABASE_URL: databaseUrl,
    STOA_DATA_DIR: tempDir("stoa-bench-portfolio-"),
    PORTFOLIO_QUOTA_MB: String(Math.ceil(uploads * uploadMb * 2 + 100)),
    PORTFOLIO_MAX_FILE_MB: String(Math.ceil(uploadMb + 2)),
  };
  delete env.REDIS_URL;
  const proc = startProcess(process.execPath, stoaServerArgs(), { env, cwd: root, label: "stoa-pg" });
  const started = Date.now();
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, { proc, timeoutMs: 180_000 });
  console.log(`  Stoa on PostgreSQL up in ${((Date.now() - started) / 1000).toFixed(1)} s (migrations + demo seed), pid ${proc.pid}`);
  return { proc, base: `http://127.0.0.1:${port}` };
}

/** A JPEG of random noise (incompressible) of about `mb` megabytes. */
async function noiseJpeg(mb) {
  let side = Math.round(Math.sqrt((mb * 1024 * 1024) / 1.1));
  for (let attempt = 0; attempt < 4; attempt++) {
    const pixels = Buffer.alloc(side * side * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (Math.random() * 256) | 0;
    const jpeg = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const ratio = jpeg.length / (mb * 1024 * 1024);
    if (Math.abs(ratio - 1) < 0.1) return jpeg;
    side = Math.round(side / Math.sqrt(ratio));
  }
  throw new Error("could not make a test image of the asked size");
}

const results = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() } };

try {
  console.log(
    `portfolio bench: ${cpus().length} CPUs (${cpus()[0]?.model}), load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const bareUrl = await createDatabase(`${dbName}_bare`);
  const stoaUrl = await createDatabase(dbName);
  const bare = await startBare(bareUrl);
  const stoa = await startStoa(stoaUrl);
  const pid = stoa.proc.pid;
  await analyzeDatabase(stoaUrl);
  results.idleMb = rssMb(pid);

  // --- Setup: a student's page with 10 text artifacts, a secret link to it, and a teacher who sees it through a class share.
  const student = await signIn(stoa.base, "student1", demoPassword);
  const classes = (await student.call("GET", "/api/classes")).data.items;
  if (classes.length === 0) throw new Error("student1 has no class");
  const textIds = [];
  for (let i = 0; i < 10; i++) {
    const a = await student.call("POST", "/api/portfolio/artifacts", {
      kind: "text",
      title: `Evidence ${i + 1}`,
      body: `<p>${"What I learned this week. ".repeat(20)}</p>`,
      tags: ["bench"],
    });
    textIds.push(a.data.id);
  }
  const blocks = textIds.map((artifactId, i) => ({ id: `b${i}`, type: "artifact", artifactId, showReflections: true }));
  const page = (
    await student.call("POST", "/api/portfolio/pages", {
      title: "Bench showcase",
      layout: { sections: [{ id: "s1", columns: [{ id: "c1", blocks }] }] },
    })
  ).data;
  await student.call("POST", `/api/portfolio/pages/${page.id}/shares`, {
    targetType: "class",
    targetId: classes[0].id,
    allowComments: true,
  });
  const link = (await student.call("POST", `/api/portfolio/pages/${page.id}/links`, { label: "bench" })).data;
  const teacherName = classes[0].teachers?.[0]?.name;
  const viewer = await signIn(stoa.base, "teacher1", demoPassword).catch(() => null);
  let viewerHeaders = null;
  if (viewer) {
    const r = await fetch(`${stoa.base}/api/portfolio/pages/${page.id}`, { headers: viewer.headers });
    if (r.ok) viewerHeaders = viewer.headers;
  }
  console.log(
    `  setup: page with ${textIds.length} artifacts shared with "${classes[0].title}" (teacher ${teacherName ?? "?"}) and by secret link`,
  );

  // --- 1. Shared page views.
  console.log(`\n1. viewing a shared page (autocannon -c ${connections} -d ${duration})`);
  const sampler = sampleRss(pid);
  const bareRead = await measure("bare GET /items/:id (pg, primary key)", `${bare.base}/items/4242`);
  const linkView = await measure("GET /api/public/portfolio/:token (link)", `${stoa.base}/api/public/portfolio/${link.token}`);
  const ownerView = await measure("GET /api/portfolio/pages/:id (owner)", `${stoa.base}/api/portfolio/pages/${page.id}`, student.headers);
  const sharedView = viewerHeaders
    ? await measure("GET /api/portfolio/pages/:id (class share)", `${stoa.base}/api/portfolio/pages/${page.id}`, viewerHeaders)
    : null;
  const bareAgain = await measure("bare GET /items/:id again", `${bare.base}/items/4242`);
  const viewMem = sampler.stop();
  const bareMean = (bareRead.rps + bareAgain.rps) / 2;
  for (const r of [linkView, ownerView, sharedView].filter(Boolean))
    console.log(`  ${r.label.padEnd(44)} ${((r.rps / bareMean) * 100).toFixed(0)}% of the bare read`);
  results.views = { bare: [bareRead, bareAgain], link: linkView, owner: ownerView, shared: sharedView, peakMb: viewMem.peakMb };

  // --- 2. Concurrent uploads.
  console.log(`\n2. uploading ${uploads} images of ~${uploadMb} MB concurrently`);
  const image = await noiseJpeg(uploadMb);
  console.log(`  test image: ${(image.length / 1024 / 1024).toFixed(2)} MB JPEG of noise`);
  const beforeUploadMb = rssMb(pid);
  const uploadSampler = sampleRss(pid, 50);
  const t0 = performance.now();
  const uploaded = await Promise.allSettled(
    Array.from({ length: uploads }, async (_, i) => {
      const form = new FormData();
      form.append("file", new Blob([image], { type: "image/jpeg" }), `photo-${i}.jpg`);
      return (await student.call("POST", "/api/portfolio/files", form)).data;
    }),
  );
  const uploadSeconds = (performance.now() - t0) / 1000;
  const uploadMem = uploadSampler.stop();
  const okFiles = uploaded.filter((u) => u.status === "fulfilled").map((u) => u.value);
  const uploadErrors = uploaded.filter((u) => u.status === "rejected").map((u) => String(u.reason).slice(0, 200));
  if (uploadErrors.length) {
    failed.push("uploads");
    console.log(`  !! ${uploadErrors.length} uploads failed, first: ${uploadErrors[0]}`);
  }
  const totalMb = (okFiles.length * image.length) / 1024 / 1024;
  console.log(
    `  ${okFiles.length} uploads in ${uploadSeconds.toFixed(1)} s: ${(okFiles.length / uploadSeconds).toFixed(1)} images/s, ${(totalMb / uploadSeconds).toFixed(1)} MB/s`,
  );
  console.log(
    `  server RSS: ${fmt(beforeUploadMb)} MB before, peak ${fmt(uploadMem.peakMb)} MB (${uploadMem.samples} samples every 50 ms); ${fmt(totalMb)} MB went through`,
  );
  results.uploads = {
    count: okFiles.length,
    failed: uploadErrors.length,
    imageBytes: image.length,
    seconds: uploadSeconds,
    beforeMb: beforeUploadMb,
    peakMb: uploadMem.peakMb,
  };

  // --- 3. Export of 200 artifacts (the uploaded images as file artifacts, the rest text), on 10 pages.
  console.log(`\n3. exporting a portfolio of ${artifactCount} artifacts`);
  const ids = [...textIds];
  for (const file of okFiles.slice(0, Math.max(0, artifactCount - ids.length))) {
    ids.push(
      (
        await student.call("POST", "/api/portfolio/artifacts", {
          kind: "file",
          fileId: file.id,
          title: `Photo ${ids.length + 1}`,
          tags: ["bench"],
        })
      ).data.id,
    );
  }
  while (ids.length < artifactCount) {
    ids.push(
      (
        await student.call("POST", "/api/portfolio/artifacts", {
          kind: "text",
          title: `Note ${ids.length + 1}`,
          body: "<p>A note about my learning.</p>",
        })
      ).data.id,
    );
  }
  for (let p = 0; p < 10; p++) {
    const slice = ids
      .slice(p * 20, p * 20 + 20)
      .map((artifactId, i) => ({ id: `x${i}`, type: "artifact", artifactId, showReflections: true }));
    await student.call("POST", "/api/portfolio/pages", {
      title: `Term page ${p + 1}`,
      layout: { sections: [{ id: "s1", columns: [{ id: "c1", blocks: slice }] }] },
    });
  }
  const exportSampler = sampleRss(pid, 50);
  const beforeExportMb = rssMb(pid);
  const e0 = performance.now();
  const res = await fetch(`${stoa.base}/api/portfolio/export/archive`, { headers: student.headers });
  let bytes = 0;
  let firstByteMs = null;
  for await (const chunk of res.body) {
    firstByteMs ??= performance.now() - e0;
    bytes += chunk.length;
  }
  const exportSeconds = (performance.now() - e0) / 1000;
  const exportMem = exportSampler.stop();
  if (!res.ok) failed.push("export");
  console.log(
    `  ${res.status}: ${fmt(bytes / 1024 / 1024, 1)} MB archive in ${exportSeconds.toFixed(2)} s (first byte after ${fmt(firstByteMs ?? 0)} ms)`,
  );
  console.log(`  server RSS: ${fmt(beforeExportMb)} MB before, peak ${fmt(exportMem.peakMb)} MB`);
  results.export = {
    status: res.status,
    artifacts: ids.length,
    bytes,
    seconds: exportSeconds,
    firstByteMs,
    beforeMb: beforeExportMb,
    peakMb: exportMem.peakMb,
  };

  await stopProcess(stoa.proc);
  await stopProcess(bare.proc);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
} catch (error) {
  console.error(`portfolio bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
}
if (failed.length) {
  console.error(`could not measure: ${failed.join(", ")}`);
  process.exitCode = 1;
}
await cleanup();
process.exit(process.exitCode ?? 0);
