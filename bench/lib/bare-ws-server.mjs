// The bare baseline of the real-time bench: a plain `ws` server, no auth, no rooms, no outbox.
//   node bench/lib/bare-ws-server.mjs <port>
// WebSocket on /ws; GET /health; POST /broadcast?marker=M&repeat=R sends R messages (each built
// with JSON.stringify, shaped and sized like Stoa's event messages) to every client, yielding to
// the event loop between messages as a server taking events one at a time would.
import { createServer } from "node:http";
import { setImmediate } from "node:timers";
import { WebSocketServer } from "ws";

const port = Number(process.argv[2]);
if (!Number.isInteger(port)) {
  console.error("usage: bare-ws-server.mjs <port>");
  process.exit(2);
}

const wss = new WebSocketServer({ noServer: true });
let id = 0;
const at = new Date().toISOString();
const room = "district:00000000-0000-4000-8000-000000000000";

async function broadcast(marker, repeat) {
  for (let i = 0; i < repeat; i++) {
    id += 1;
    const text = JSON.stringify({ type: "event", id, event: "bench.event", rooms: [room], payload: { m: marker, i }, at });
    const data = Buffer.from(text);
    for (const client of wss.clients) client.send(data, { binary: false });
    if (repeat > 1) await new Promise((r) => setImmediate(r));
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/health") return res.end("ok");
  if (url.pathname === "/broadcast" && req.method === "POST") {
    void broadcast(url.searchParams.get("marker") ?? "", Number(url.searchParams.get("repeat") ?? 1)).then(() => res.end("sent"));
    return;
  }
  res.statusCode = 404;
  res.end();
});
server.on("upgrade", (req, socket, head) => {
  if (!req.url?.startsWith("/ws")) return socket.destroy();
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
});
server.listen(port, "127.0.0.1", () => console.log("ready"));
const stop = () => {
  for (const c of wss.clients) c.terminate();
  server.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
