// The bare baseline the HTTP bench compares Stoa with: plain Fastify 5, no plugins, no auth.
//   node bench/lib/bare-server.mjs <port> pg <database url>   GET /hello, GET /items/:id (pg Pool of 10)
//   node bench/lib/bare-server.mjs <port> pglite               GET /hello, GET /items/:id (in-memory PGlite)
// /items/:id reads one row by primary key from a 10,000-row table it creates at start.
// It listens on 127.0.0.1 only and prints "ready" when it can take requests.
import Fastify from "fastify";

const [portArg, kind, url] = process.argv.slice(2);
const port = Number(portArg);
if (!Number.isInteger(port) || (kind !== "pg" && kind !== "pglite") || (kind === "pg" && !url)) {
  console.error("usage: bare-server.mjs <port> pg <database url> | <port> pglite");
  process.exit(2);
}

const createTable = `
  create table if not exists bench_items (
    id integer primary key,
    title text not null,
    body text not null,
    created_at timestamptz not null default now()
  )`;
const fill = `
  insert into bench_items (id, title, body)
  select i, 'Item ' || i, repeat(md5(i::text), 4) from generate_series(1, 10000) as i
  on conflict (id) do nothing`;
const readOne = "select id, title, body, created_at from bench_items where id = $1";

let query;
let close;
if (kind === "pg") {
  const { default: pg } = await import("pg");
  // The same pool size Stoa uses (server/src/db/client.ts).
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  query = async (text, params) => (await pool.query(text, params)).rows;
  close = () => pool.end();
} else {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create();
  query = async (text, params) => (await db.query(text, params)).rows;
  close = () => db.close();
}
await query(createTable);
await query(fill);
await query("analyze bench_items");

const app = Fastify({ logger: false });
app.get("/hello", async () => ({ hello: "world" }));
app.get("/items/:id", async (request, reply) => {
  const [row] = await query(readOne, [Number(request.params.id)]);
  if (!row) return reply.status(404).send({ error: "not found" });
  return { data: row };
});

const stop = async () => {
  await app.close();
  await close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

await app.listen({ port, host: "127.0.0.1" });
console.log("ready");
