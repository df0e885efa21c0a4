// The client swarm of the real-time bench, in its own process (forked with IPC by bench/realtime.mjs).
// Commands (IPC messages):
//   { cmd: "connect", urls, n, headers, room }   opens n sockets round-robin over urls; with a room,
//                                                subscribes each and waits for `subscribed`
//   { cmd: "expect", marker }                    answers with each socket's receive time (epoch ms,
//                                                fractional) of the first message containing marker
//   { cmd: "count", marker, total }              answers when the sockets together received `total`
//                                                messages containing marker, with the time
//   { cmd: "close" }
import WebSocket from "ws";

const now = () => performance.timeOrigin + performance.now();
let sockets = [];
let expecting = null; // { marker, times: Float64Array, left }
let counting = null; // { marker, total, seen }

function onMessage(index, data) {
  if (!expecting && !counting) return;
  const text = data.toString();
  if (expecting && expecting.times[index] === 0 && text.includes(expecting.marker)) {
    expecting.times[index] = now();
    expecting.left -= 1;
    if (expecting.left === 0) {
      const { times } = expecting;
      expecting = null;
      process.send({ ok: "expect", times: Array.from(times) });
    }
  }
  if (counting && text.includes(counting.marker)) {
    counting.seen += 1;
    if (counting.seen === counting.total) {
      counting = null;
      process.send({ ok: "count", at: now() });
    }
  }
}

function open(url, headers, room, index) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error(`socket ${index} not ready in 60 s`)), 60_000);
    ws.on("message", (data) => {
      if (room && data.toString().startsWith('{"type":"subscribed"')) {
        clearTimeout(timer);
        resolve(ws);
      }
      onMessage(index, data);
    });
    ws.once("open", () => {
      if (room) ws.send(JSON.stringify({ type: "subscribe", room }));
      else {
        clearTimeout(timer);
        resolve(ws);
      }
    });
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

async function connect({ urls, n, headers, room }) {
  const batch = 100;
  const base = sockets.length; // a second connect adds sockets after the first ones
  for (let start = 0; start < n; start += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, n - start) }, (_, k) => open(urls[(start + k) % urls.length], headers, room, base + start + k)),
    );
    sockets.push(...opened);
  }
}

process.on("message", (message) => {
  const run = async () => {
    switch (message.cmd) {
      case "connect":
        await connect(message);
        return { ok: "connect", count: sockets.length };
      case "expect":
        expecting = { marker: message.marker, times: new Float64Array(sockets.length), left: sockets.length };
        return { ok: "armed" };
      case "count":
        counting = { marker: message.marker, total: message.total, seen: 0 };
        return { ok: "armed" };
      case "close":
        for (const ws of sockets) ws.terminate();
        sockets = [];
        return { ok: "close" };
    }
    throw new Error(`unknown command ${message.cmd}`);
  };
  run().then(
    (answer) => answer && process.send(answer),
    (error) => process.send({ error: String(error?.stack ?? error) }),
  );
});
process.send({ ok: "ready" });
