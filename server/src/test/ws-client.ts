import WebSocket from "ws";
import type { TServerMessage } from "@stoa/contracts";

/** A real WebSocket client for tests: collects every server message and waits for the ones it needs. */
export interface TestSocket {
  ws: WebSocket;
  messages: TServerMessage[];
  send(message: unknown): void;
  /** Resolves with the first message (already received or to come) that matches; rejects after `ms`. */
  waitFor<T extends TServerMessage>(match: (m: TServerMessage) => m is T, ms?: number): Promise<T>;
  waitFor(match: (m: TServerMessage) => boolean, ms?: number): Promise<TServerMessage>;
  /** Subscribes and waits for `subscribed` or `denied`. */
  subscribe(room: string, since?: number): Promise<TServerMessage>;
  /** Resolves with the close code. */
  closed: Promise<number>;
  close(): void;
}

/** Connects to /api/realtime; rejects with the HTTP status when the upgrade is refused. */
export function connectSocket(baseUrl: string, opts: { cookie?: string; origin?: string | null } = {}): Promise<TestSocket> {
  const url = `${baseUrl.replace(/^http/, "ws")}/api/realtime`;
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin !== null) headers.origin = opts.origin ?? baseUrl;
  const ws = new WebSocket(url, { headers });
  const messages: TServerMessage[] = [];
  const waiters: { match: (m: TServerMessage) => boolean; resolve: (m: TServerMessage) => void }[] = [];
  ws.on("message", (data: Buffer) => {
    const message = JSON.parse(data.toString()) as TServerMessage;
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.match(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  const closed = new Promise<number>((resolve) => ws.on("close", (code: number) => resolve(code)));
  const socket: TestSocket = {
    ws,
    messages,
    closed,
    send: (message) => ws.send(JSON.stringify(message)),
    waitFor: (match: (m: TServerMessage) => boolean, ms = 5000) => {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise<TServerMessage>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching message within ${ms} ms; got ${JSON.stringify(messages).slice(0, 600)}`));
        }, ms);
        const waiter = {
          match,
          resolve: (m: TServerMessage) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        waiters.push(waiter);
      });
    },
    subscribe: (room, since) => {
      socket.send({ type: "subscribe", room, ...(since === undefined ? {} : { since }) });
      return socket.waitFor((m) => (m.type === "subscribed" || m.type === "denied") && m.room === room);
    },
    close: () => ws.close(),
  } as TestSocket;
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(socket));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

/** The events of a room a socket received, as ids. */
export const eventIds = (socket: TestSocket, filter: (event: string) => boolean = () => true) =>
  socket.messages.flatMap((m) => (m.type === "event" && filter(m.event) ? [m.id] : []));
