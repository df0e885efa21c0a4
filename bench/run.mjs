#!/usr/bin/env node
// `npm run bench`: runs each benchmark script in sequence, streaming its output.
//   npm run bench                    every bench that exists (http, oneroster-import, formation, portfolio, discussions, then realtime)
//   npm run bench -- http            a subset, by name (bench/<name>.mjs)
// Each bench runs in its own process and cleans up after itself; the exit code is non-zero when
// one of them failed (a missed target is not a failure: benches print figures).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const order = ["http", "oneroster-import", "formation", "portfolio", "discussions", "realtime"];
const available = order.filter((name) => existsSync(join(here, `${name}.mjs`)));

const asked = process.argv.slice(2).map((a) => a.replace(/\.mjs$/, "").replace(/^bench\//, ""));
if (asked.includes("--help") || asked.includes("-h")) {
  console.log(`usage: npm run bench [-- <name>...]\navailable: ${available.join(", ") || "(none)"}\nsee bench/README.md for the env knobs`);
  process.exit(0);
}
const unknown = asked.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench: ${unknown.join(", ")}; available: ${available.join(", ") || "(none)"}`);
  process.exit(2);
}
const selected = asked.length > 0 ? available.filter((name) => asked.includes(name)) : available;

let current = null;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    // The bench cleans up (servers, databases, temp dirs) on the signal, then exits.
    if (current && current.exitCode === null) current.kill(signal);
    else process.exit(130);
  });
}

const failed = [];
for (const name of selected) {
  if (stopping) break;
  console.log(`\n=== bench: ${name} ===`);
  const started = Date.now();
  current = spawn(process.execPath, [join(here, `${name}.mjs`)], { stdio: "inherit", env: process.env });
  const code = await new Promise((resolve) => {
    current.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
    current.on("error", (error) => {
      console.error(`could not start ${name}: ${error.message}`);
      resolve(1);
    });
  });
  current = null;
  console.log(`=== ${name}: ${code === 0 ? "done" : `exit code ${code}`} in ${((Date.now() - started) / 1000).toFixed(0)} s ===`);
  if (code !== 0) failed.push(name);
}

if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exit(1);
}
