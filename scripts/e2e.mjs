#!/usr/bin/env node
// The browser suite.
//   node scripts/e2e.mjs [playwright args]   builds the web app, then runs `playwright test`
//   node scripts/e2e.mjs serve               the test server Playwright starts (playwright.config.ts):
//                                            wipes STOA_DATA_DIR, builds the web app if stale, runs Stoa
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const chromium = process.env.STOA_CHROMIUM ?? "/usr/bin/chromium";

/** Runs a command in the repo root with inherited output; returns its exit code. */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.error) {
    console.error(`e2e: could not run ${command}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

/** The newest modification time of any file under the given paths. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "node_modules") visit(join(path, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** True when web/dist is missing or older than the sources it is built from. */
function webBuildIsStale() {
  const built = join(root, "web", "dist", "index.html");
  if (!existsSync(built)) return true;
  const sources = ["web/src", "web/index.html", "web/vite.config.ts", "web/public", "contracts/src"].map((p) => join(root, p));
  return newestMtime(sources) > statSync(built).mtimeMs;
}

function buildWeb() {
  console.log("e2e: building the web app (npm run build)");
  return run("npm", ["run", "build"]);
}

/** The server Playwright waits for: a fresh embedded database every run. */
function serve() {
  const dataDir = process.env.STOA_DATA_DIR;
  if (!dataDir) {
    console.error("e2e serve: STOA_DATA_DIR must be set (playwright.config.ts sets it)");
    process.exit(2);
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  if (webBuildIsStale() && buildWeb() !== 0) {
    console.error("e2e serve: the web app did not build; see the errors above");
    process.exit(1);
  }
  const env = { ...process.env };
  // Playwright can only set variables, not remove them: an empty value means "not set".
  for (const key of ["DATABASE_URL", "REDIS_URL"]) if (env[key] === "") delete env[key];
  const server = spawn(bin("tsx"), ["server/src/main.ts"], { cwd: root, stdio: "inherit", env });
  const forward = (signal) => () => {
    if (server.exitCode === null) server.kill(signal);
  };
  process.on("SIGTERM", forward("SIGTERM"));
  process.on("SIGINT", forward("SIGINT"));
  server.on("exit", (code, signal) => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(code ?? (signal ? 0 : 1));
  });
}

/** Builds the web app, then runs Playwright with the given arguments. */
function test(args) {
  if (!existsSync(chromium)) {
    console.error(`e2e: Chromium is not at ${chromium}. Install Debian's package: apt-get install -y chromium`);
    process.exit(1);
  }
  if (buildWeb() !== 0) {
    console.error("e2e: the web app did not build; the browser suite cannot run");
    process.exit(1);
  }
  process.exit(run(bin("playwright"), ["test", ...args]));
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === "serve") serve();
else test(mode === undefined ? rest : [mode, ...rest]);
