import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { TPresenceMember } from "@stoa/contracts";

/** Presence and typing travel between processes; they are never stored. */
export type EphemeralMessage =
  | { kind: "presence"; process: string; room: string; members: TPresenceMember[] }
  | { kind: "typing"; process: string; room: string; member: TPresenceMember };

/**
 * How events and ephemeral messages reach every server process. In one process it is a direct
 * call; across processes it is Redis pub/sub, and a lease decides which process reads the outbox.
 */
export interface RealtimeBus {
  /** This process's name on the bus. */
  readonly process: string;
  /** Publishes one serialised event message (the outbox reader only). */
  publishEvent(text: string): Promise<void>;
  /** Called for every published event, in publication order, in every process (this one too). */
  onEvent(handler: (text: string) => void): void;
  publishEphemeral(message: EphemeralMessage): void;
  /** Called for ephemeral messages of OTHER processes. */
  onEphemeral(handler: (message: EphemeralMessage) => void): void;
  /** Tells the outbox reader, in whichever process holds the lease, that events were committed. */
  wakeReader(): void;
  /** Called when this process should read the outbox now (if it holds the lease). */
  onWake(handler: () => void): void;
  /** Takes or renews the outbox lease; true while this process holds it. */
  lead(): Promise<boolean>;
  /** Where the previous lease holder stopped, so that a new one continues from there. */
  loadCursor(): Promise<number | null>;
  saveCursor(id: number): Promise<void>;
  close(): Promise<void>;
}

/** Everything in this process: the embedded mode and a single server. */
export function localBus(): RealtimeBus {
  const eventHandlers: ((text: string) => void)[] = [];
  const wakeHandlers: (() => void)[] = [];
  return {
    process: randomUUID(),
    publishEvent(text) {
      for (const handler of eventHandlers) handler(text);
      return Promise.resolve();
    },
    onEvent: (handler) => void eventHandlers.push(handler),
    publishEphemeral: () => undefined,
    onEphemeral: () => undefined,
    wakeReader() {
      for (const handler of wakeHandlers) handler();
    },
    onWake: (handler) => void wakeHandlers.push(handler),
    lead: () => Promise.resolve(true),
    loadCursor: () => Promise.resolve(null),
    saveCursor: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

// Renews the lease only if this process still holds it.
const renewScript = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Redis pub/sub between processes (two connections: a subscribed connection can do nothing else).
 * `prefix` names the keys and channels, so that several deployments (or tests) share one Redis.
 */
export function redisBus(url: string, opts: { prefix?: string; leaseMs?: number } = {}): RealtimeBus {
  const prefix = opts.prefix ?? "stoa:rt:";
  const leaseMs = opts.leaseMs ?? 5_000;
  const process = randomUUID();
  const pub = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  const sub = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  pub.on("error", () => undefined); // ioredis reconnects by itself; the error is logged by the caller's health checks
  sub.on("error", () => undefined);
  const eventChannel = `${prefix}events`;
  const ephemeralChannel = `${prefix}ephemeral`;
  const wakeChannel = `${prefix}wake`;
  const leaseKey = `${prefix}lease`;
  const cursorKey = `${prefix}cursor`;
  const eventHandlers: ((text: string) => void)[] = [];
  const ephemeralHandlers: ((message: EphemeralMessage) => void)[] = [];
  const wakeHandlers: (() => void)[] = [];
  const wake = () => {
    for (const handler of wakeHandlers) handler();
  };
  void sub.subscribe(eventChannel, ephemeralChannel, wakeChannel);
  sub.on("message", (channel: string, text: string) => {
    if (channel === wakeChannel) return wake();
    if (channel === eventChannel) {
      // "<process>\n<event>": the publishing process has already delivered to its own sockets.
      const cut = text.indexOf("\n");
      if (cut < 0 || text.slice(0, cut) === process) return;
      const event = text.slice(cut + 1);
      for (const handler of eventHandlers) handler(event);
      return;
    }
    let message: EphemeralMessage;
    try {
      message = JSON.parse(text) as EphemeralMessage;
    } catch {
      return;
    }
    if (message.process === process) return;
    for (const handler of ephemeralHandlers) handler(message);
  });
  let leading = false;
  let checkedAt = 0;
  // Commits in a burst share one wake-up message: while one is on its way, the next waits for it.
  let wakeSending = false;
  let wakeAgain = false;
  const sendWake = () => {
    wakeSending = true;
    wakeAgain = false;
    void pub
      .publish(wakeChannel, "")
      .catch(() => undefined) // the reader's slow poll delivers all the same
      .finally(() => {
        wakeSending = false;
        if (wakeAgain) sendWake();
      });
  };
  return {
    process,
    async publishEvent(text) {
      // This process's sockets at once, the others through Redis: one hop less for a share of them.
      for (const handler of eventHandlers) handler(text);
      await pub.publish(eventChannel, `${process}\n${text}`);
    },
    onEvent: (handler) => void eventHandlers.push(handler),
    publishEphemeral(message) {
      void pub.publish(ephemeralChannel, JSON.stringify(message)).catch(() => undefined);
    },
    onEphemeral: (handler) => void ephemeralHandlers.push(handler),
    wakeReader() {
      if (leading) return wake(); // the reader is here: no round trip through Redis
      if (wakeSending) wakeAgain = true;
      else sendWake();
    },
    onWake: (handler) => void wakeHandlers.push(handler),
    async lead() {
      // The dispatcher asks at every wake-up: answer from the last check while it is fresh (a
      // fifth of the lease), so that delivering an event does not wait for a Redis round trip.
      if (Date.now() - checkedAt < leaseMs / 5) return leading;
      checkedAt = Date.now();
      try {
        if (leading && (await pub.eval(renewScript, 1, leaseKey, process, String(leaseMs))) === 1) return true;
        leading = (await pub.set(leaseKey, process, "PX", leaseMs, "NX")) === "OK";
      } catch {
        leading = false;
      }
      return leading;
    },
    async loadCursor() {
      const value = await pub.get(cursorKey);
      return value === null ? null : Number(value);
    },
    async saveCursor(id) {
      await pub.set(cursorKey, String(id));
    },
    async close() {
      if (leading)
        await pub
          .eval(`if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`, 1, leaseKey, process)
          .catch(() => undefined);
      sub.disconnect();
      pub.disconnect();
    },
  };
}
