#!/usr/bin/env node
// Compiles the server to JavaScript for production: `server/dist/main.js` (the HTTP server) and
// `server/dist/cli.js` (the `stoa` command), so they run on plain `node` without tsx compiling
// TypeScript at run time (~75 MB of resident memory: tsx's loader thread, esbuild and the sources
// it compiled). `npm run dev` and the tests keep running the TypeScript directly.
//
// One bundle per entry point: the server's own sources and the `@stoa/contracts` workspace
// (which exports TypeScript) are bundled; every package the server depends on stays an ordinary
// import from node_modules. Files are overwritten in place (no clean first), so a server already
// running from server/dist is not disturbed by a rebuild for `npm run stoa`. The SQL migrations are copied beside the bundle, where
// `db/client.ts` looks for them (`./migrations` next to the running module).
import { cpSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const server = join(root, "server");
const outdir = join(server, "dist");
const { dependencies = {} } = JSON.parse(readFileSync(join(server, "package.json"), "utf8"));
const external = Object.keys(dependencies).flatMap((name) => [name, `${name}/*`]);

await build({
  entryPoints: [join(server, "src/main.ts"), join(server, "src/cli.ts")],
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external,
  sourcemap: true,
  // Stack traces point at the TypeScript sources.
  sourcesContent: false,
  logLevel: "warning",
});
cpSync(join(server, "src/db/migrations"), join(outdir, "migrations"), { recursive: true });
