import { sql } from "drizzle-orm";
import type { WebSocket } from "ws";
import { realtimeCloseCodes, ZClientMessage, type TPresenceMember, type TServerMessage } from "@stoa/contracts";
import { queryRows, type Db } from "../../db/client.js";
import type { Actor } from "../actor.js";
import type { EphemeralMessage, RealtimeBus } from "./bus.js";
import { accessChangedEvent, sessionEndedEvent } from "./access.js";
import { newestEventId, serializeEvent, toRow, type OutboxRow } from "./dispatcher.js";
import { mayJoinRoom } from "./room-policies.js";

/** Reads a session again from the database (no cache): null when it ended. */
export type FreshSessionResolver = (token: string, ip: string | null) => Promise<{ actor: Actor } | null>;

export interface HubOptions {
  db: Db;
  bus: RealtimeBus;
  resolveFresh: FreshSessionResolver;
  /** Rooms one connection may hold at once. */
  maxRooms?: number;
  /** Events a resume may send; beyond, the client is told to refetch. */
  resumeLimit?: number;
  /** Bytes waiting in one socket beyond which the slow client is dropped (it resumes on reconnect). */
  maxBufferedBytes?: number;
  /** Seconds between server pings (a connection that does not answer is ended). */
  pingSeconds?: number;
  log?: { warn(obj: unknown, msg?: string): void };
}

/** WebSocket close codes the web client knows: 4401 means "sign in again" (no reconnect). */
export const closeCodes = { ...realtimeCloseCodes, shuttingDown: 1001 } as const;

const typingEveryMs = 1500;
const messagesPerWindow = 120;
const messageWindowMs = 10_000;
const maxMessageBytes = 4096;
const presenceHeartbeatMs = 20_000;
const presenceEveryMs = 100;
const presenceExpiryMs = 50_000;
// A resume further back than this many ids is answered with `refetch` without reading the outbox.
const maxResumeSpan = 200_000;

interface Queued {
  id: number;
  rooms: string[];
  data: Buffer;
}

/** One WebSocket of one signed-in person. */
export class Connection {
  readonly rooms = new Set<string>();
  /** While > 0 (a subscription catching up, a re-check), events wait in `queue`. */
  holds = 0;
  queue: Queued[] = [];
  /** Ids sent by resumes during the current hold (the queue may hold them too). */
  resumed = new Set<number>();
  closed = false;
  alive = true;
  private chain: Promise<void> = Promise.resolve();
  private windowStart = Date.now();
  private windowCount = 0;
  readonly lastTyping = new Map<string, number>();

  constructor(
    readonly socket: WebSocket,
    public actor: Actor,
    readonly token: string,
    readonly sessionKey: string,
    readonly member: TPresenceMember,
    readonly ip: string | null,
  ) {}

  /** Sends now, whatever the hold (answers, presence, revocations). */
  sendNow(data: string | Buffer, maxBuffered = 8 * 1024 * 1024): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > maxBuffered) {
      // A client that does not read: drop it rather than hold memory; it resumes with `since`.
      this.close(closeCodes.tooSlow, "Too slow; reconnect to resume");
      return;
    }
    this.socket.send(data, { binary: false });
  }

  /** Sends an event, or queues it while the connection is held. */
  push(entry: Queued, maxBuffered?: number): void {
    if (this.holds > 0) this.queue.push(entry);
    else this.sendNow(entry.data, maxBuffered);
  }

  /** Runs message handlers one after another, in arrival order; a failing one answers an error and the next ones still run. */
  enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch(() => {
      this.sendNow('{"type":"error","message":"That did not work on our side; try again"}');
    });
  }

  /** Counts one incoming message; false when the client sends too many. */
  countMessage(now: number): boolean {
    if (now - this.windowStart > messageWindowMs) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount += 1;
    return this.windowCount <= messagesPerWindow;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }
}

const serialize = (message: TServerMessage) => JSON.stringify(message);

/**
 * The rooms of this process: which connection listens to what, fan-out of published events,
 * subscriptions (policy, resume), re-checks when access changes, presence and typing.
 */
export class RealtimeHub {
  private readonly rooms = new Map<string, Set<Connection>>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly localPresence = new Map<string, Map<string, { member: TPresenceMember; count: number }>>();
  private readonly remotePresence = new Map<string, Map<string, { members: TPresenceMember[]; at: number }>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly presencePending = new Map<string, NodeJS.Timeout>();
  private readonly maxRooms: number;
  private readonly resumeLimit: number;
  private readonly maxBuffered: number;
  /** The newest event id this process has delivered (a subscriber resumes from here). */
  lastEventId = 0;

  constructor(private readonly options: HubOptions) {
    this.maxRooms = options.maxRooms ?? 200;
    this.resumeLimit = options.resumeLimit ?? 1000;
    this.maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
    options.bus.onEvent((text) => this.deliver(text));
    options.bus.onEphemeral((message) => this.onRemote(message));
  }

  /** Starts from the newest stored event; starts pings and presence heartbeats. */
  async start(): Promise<void> {
    const newest = await newestEventId(this.options.db);
    if (newest > this.lastEventId) this.lastEventId = newest;
    const ping = setInterval(() => this.pingAll(), (this.options.pingSeconds ?? 30) * 1000);
    const heartbeat = setInterval(() => this.presenceHeartbeat(), presenceHeartbeatMs);
    ping.unref();
    heartbeat.unref();
    this.timers.push(ping, heartbeat);
  }

  /** Closes every socket (shutdown). */
  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    for (const timer of this.presencePending.values()) clearTimeout(timer);
    for (const set of this.byUser.values()) for (const c of set) c.close(closeCodes.shuttingDown, "Server restarting");
  }

  /** How many sockets this process holds. */
  get connectionCount(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /** Takes a new authenticated socket. */
  attach(socket: WebSocket, actor: Actor, token: string, sessionKey: string, member: TPresenceMember, ip: string | null): Connection {
    const conn = new Connection(socket, actor, token, sessionKey, member, ip);
    let set = this.byUser.get(actor.userId);
    if (!set) this.byUser.set(actor.userId, (set = new Set()));
    set.add(conn);
    socket.on("message", (data: Buffer, isBinary: boolean) => this.onMessage(conn, data, isBinary));
    socket.on("pong", () => (conn.alive = true));
    socket.on("close", () => this.detach(conn));
    socket.on("error", () => this.detach(conn));
    return conn;
  }

  private detach(conn: Connection) {
    conn.closed = true;
    for (const room of [...conn.rooms]) this.leave(conn, room);
    const set = this.byUser.get(conn.actor.userId);
    set?.delete(conn);
    if (set?.size === 0) this.byUser.delete(conn.actor.userId);
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean) {
    if (!conn.countMessage(Date.now())) {
      conn.close(closeCodes.tooManyMessages, "Too many messages");
      return;
    }
    if (isBinary || data.length > maxMessageBytes) {
      conn.sendNow(serialize({ type: "error", message: "Messages are JSON text of at most 4 KB" }));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString("utf8"));
    } catch {
      conn.sendNow(serialize({ type: "error", message: "A message must be JSON" }));
      return;
    }
    const message = ZClientMessage.safeParse(parsed);
    if (!message.success) {
      const issue = message.error.issues[0];
      conn.sendNow(
        serialize({
          type: "error",
          message: `Not a valid message: ${issue ? `${issue.path.join(".") || "message"} ${issue.message}` : "unknown type"}`,
        }),
      );
      return;
    }
    const m = message.data;
    switch (m.type) {
      case "ping":
        conn.sendNow('{"type":"pong"}');
        return;
      case "typing":
        this.typing(conn, m.room);
        return;
      case "unsubscribe":
        conn.enqueue(() => {
          this.leave(conn, m.room);
          return Promise.resolve();
        });
        return;
      case "subscribe": {
        // A first subscription resumes from now: what is delivered while the room's policy is
        // checked (and the client's data was just read) is replayed rather than lost.
        const since = m.since ?? this.lastEventId;
        conn.enqueue(() => this.subscribe(conn, m.room, since));
        return;
      }
    }
  }

  private async subscribe(conn: Connection, room: string, since: number) {
    if (conn.closed) return;
    if (!conn.rooms.has(room) && conn.rooms.size >= this.maxRooms) {
      conn.sendNow(serialize({ type: "error", message: `One connection may follow at most ${this.maxRooms} rooms; leave some first` }));
      return;
    }
    conn.holds += 1;
    try {
      const allowed = await mayJoinRoom(this.options.db, conn.actor, room).catch(() => false);
      if (conn.closed) return;
      if (!allowed) {
        // A room that does not exist and a room the person may not see are answered alike.
        if (conn.rooms.has(room)) this.leave(conn, room);
        conn.sendNow(serialize({ type: "denied", room }));
        return;
      }
      const joined = this.join(conn, room);
      const lastEventId = this.lastEventId;
      let missed: OutboxRow[] = [];
      let refetch = false;
      if (since < lastEventId) {
        if (lastEventId - since > maxResumeSpan) refetch = true;
        else {
          // Unreadable now (database trouble) counts as too much to replay: the client refetches.
          missed =
            (await this.missedEvents(conn.actor.districtId, room, since, lastEventId).catch(() => null)) ??
            new Array<OutboxRow>(this.resumeLimit + 1);
          if (missed.length > this.resumeLimit) {
            refetch = true;
            missed = [];
          }
        }
      }
      if (conn.closed) return;
      conn.sendNow(serialize({ type: "subscribed", room, lastEventId, ...(refetch ? { refetch } : {}) }));
      for (const row of missed) {
        conn.resumed.add(row.id);
        conn.sendNow(serializeEvent(row), this.maxBuffered);
      }
      if (joined) this.presenceChanged(room);
      else this.sendPresence(conn, room);
    } finally {
      this.release(conn);
    }
  }

  /** Events of one room after `since`, up to `until`, oldest first (at most resumeLimit + 1). */
  private async missedEvents(districtId: string, room: string, since: number, until: number): Promise<OutboxRow[]> {
    const rows = await queryRows<Record<string, unknown>>(
      this.options.db,
      sql`select id, type, rooms, payload, at from events
      where id > ${since} and id <= ${until} and district_id = ${districtId} and ${room} = any(rooms)
      order by id limit ${this.resumeLimit + 1}`,
    );
    return rows.map(toRow);
  }

  /** Ends a hold; at the last one, sends what waited (only rooms still held, nothing twice). */
  private release(conn: Connection) {
    conn.holds -= 1;
    if (conn.holds > 0) return;
    const queue = conn.queue;
    const resumed = conn.resumed;
    conn.queue = [];
    conn.resumed = new Set();
    for (const entry of queue) {
      if (resumed.has(entry.id)) continue;
      if (entry.rooms.some((r) => conn.rooms.has(r))) conn.sendNow(entry.data, this.maxBuffered);
    }
  }

  /** Adds the connection to the room; true when the person was not there yet (presence changed). */
  private join(conn: Connection, room: string): boolean {
    if (conn.rooms.has(room)) return false;
    conn.rooms.add(room);
    let set = this.rooms.get(room);
    if (!set) this.rooms.set(room, (set = new Set()));
    set.add(conn);
    let members = this.localPresence.get(room);
    if (!members) this.localPresence.set(room, (members = new Map()));
    const entry = members.get(conn.actor.userId);
    if (entry) {
      entry.count += 1;
      return false;
    }
    members.set(conn.actor.userId, { member: conn.member, count: 1 });
    return true;
  }

  private leave(conn: Connection, room: string) {
    if (!conn.rooms.delete(room)) return;
    const set = this.rooms.get(room);
    set?.delete(conn);
    if (set?.size === 0) this.rooms.delete(room);
    const members = this.localPresence.get(room);
    const entry = members?.get(conn.actor.userId);
    if (!members || !entry) return;
    entry.count -= 1;
    if (entry.count > 0) return;
    members.delete(conn.actor.userId);
    if (members.size === 0) this.localPresence.delete(room);
    this.presenceChanged(room);
  }

  /** Delivers one published event to the local subscribers of its rooms, each connection once. */
  deliver(text: string): void {
    let head: { id: number; event: string; rooms: string[]; payload: Record<string, unknown> };
    try {
      head = JSON.parse(text) as typeof head;
    } catch {
      return;
    }
    if (head.id > this.lastEventId) this.lastEventId = head.id;
    if (head.event === accessChangedEvent) this.recheckUsers(userIdsOf(head.rooms));
    if (head.event === sessionEndedEvent) this.endSession(userIdsOf(head.rooms), String(head.payload.session ?? ""));
    const entry: Queued = { id: head.id, rooms: head.rooms, data: Buffer.from(text) };
    if (head.rooms.length === 1) {
      const set = this.rooms.get(head.rooms[0]!);
      if (set) for (const conn of set) conn.push(entry, this.maxBuffered);
      return;
    }
    const seen = new Set<Connection>();
    for (const room of head.rooms) {
      const set = this.rooms.get(room);
      if (!set) continue;
      for (const conn of set) {
        if (seen.has(conn)) continue;
        seen.add(conn);
        conn.push(entry, this.maxBuffered);
      }
    }
  }

  /** Re-reads these people's sessions and rooms; a room they lost is `revoked`. Events wait meanwhile. */
  private recheckUsers(userIds: string[]) {
    for (const userId of userIds) {
      const set = this.byUser.get(userId);
      if (!set) continue;
      for (const conn of set) {
        conn.holds += 1; // at once: no event after this one reaches a room before its re-check
        void this.recheck(conn)
          .catch(() => undefined) // a failed re-check keeps the rooms until the next one
          .finally(() => this.release(conn));
      }
    }
  }

  private async recheck(conn: Connection) {
    const fresh = await this.options.resolveFresh(conn.token, conn.ip).catch(() => undefined);
    if (conn.closed) return;
    if (fresh === null) {
      conn.close(closeCodes.signedOut, "Your session ended; sign in again");
      return;
    }
    if (fresh) conn.actor = fresh.actor;
    for (const room of [...conn.rooms]) {
      const allowed = await mayJoinRoom(this.options.db, conn.actor, room).catch(() => false);
      if (conn.closed) return;
      if (allowed) continue;
      this.leave(conn, room);
      conn.sendNow(serialize({ type: "revoked", room }));
    }
  }

  /** Re-checks every connection's session (an expired or ended one is closed) and rooms. */
  recheckAll(): void {
    this.recheckUsers([...this.byUser.keys()]);
  }

  private endSession(userIds: string[], sessionKey: string) {
    for (const userId of userIds) {
      for (const conn of this.byUser.get(userId) ?? []) {
        if (conn.sessionKey === sessionKey) conn.close(closeCodes.signedOut, "Signed out");
      }
    }
  }

  private typing(conn: Connection, room: string) {
    if (!conn.rooms.has(room)) return;
    const now = Date.now();
    if (now - (conn.lastTyping.get(room) ?? 0) < typingEveryMs) return;
    conn.lastTyping.set(room, now);
    this.sendTyping(room, conn.member, conn);
    this.options.bus.publishEphemeral({ kind: "typing", process: this.options.bus.process, room, member: conn.member });
  }

  private sendTyping(room: string, member: TPresenceMember, from?: Connection) {
    const set = this.rooms.get(room);
    if (!set) return;
    const data = serialize({ type: "typing", room, member });
    for (const conn of set) if (conn !== from && conn.actor.userId !== member.userId) conn.sendNow(data);
  }

  private members(room: string): TPresenceMember[] {
    const byId = new Map<string, TPresenceMember>();
    for (const { member } of this.localPresence.get(room)?.values() ?? []) byId.set(member.userId, member);
    const now = Date.now();
    for (const { members, at } of this.remotePresence.get(room)?.values() ?? []) {
      if (now - at > presenceExpiryMs) continue;
      for (const m of members) byId.set(m.userId, m);
    }
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private localMembers(room: string): TPresenceMember[] {
    return [...(this.localPresence.get(room)?.values() ?? [])].map((e) => e.member);
  }

  private sendPresence(conn: Connection, room: string) {
    conn.sendNow(serialize({ type: "presence", room, members: this.members(room) }));
  }

  private broadcastPresence(room: string) {
    const set = this.rooms.get(room);
    if (!set) return;
    const data = serialize({ type: "presence", room, members: this.members(room) });
    for (const conn of set) conn.sendNow(data);
  }

  /**
   * Presence changes are sent at most every `presenceEveryMs` per room: when hundreds join a room at
   * once (a reconnect storm), each would otherwise send the whole list to everyone (n² messages).
   */
  private presenceChanged(room: string) {
    if (this.presencePending.has(room)) return;
    const timer = setTimeout(() => {
      this.presencePending.delete(room);
      this.broadcastPresence(room);
      this.options.bus.publishEphemeral({ kind: "presence", process: this.options.bus.process, room, members: this.localMembers(room) });
    }, presenceEveryMs);
    timer.unref();
    this.presencePending.set(room, timer);
  }

  private onRemote(message: EphemeralMessage) {
    if (message.kind === "typing") {
      this.sendTyping(message.room, message.member);
      return;
    }
    let byProcess = this.remotePresence.get(message.room);
    if (!byProcess) this.remotePresence.set(message.room, (byProcess = new Map()));
    const before = JSON.stringify(byProcess.get(message.process)?.members ?? []);
    if (message.members.length === 0) byProcess.delete(message.process);
    else byProcess.set(message.process, { members: message.members, at: Date.now() });
    if (byProcess.size === 0) this.remotePresence.delete(message.room);
    if (before !== JSON.stringify(message.members)) this.broadcastPresence(message.room);
  }

  private presenceHeartbeat() {
    const bus = this.options.bus;
    for (const room of this.localPresence.keys())
      bus.publishEphemeral({ kind: "presence", process: bus.process, room, members: this.localMembers(room) });
    const now = Date.now();
    for (const [room, byProcess] of this.remotePresence) {
      let changed = false;
      for (const [process, entry] of byProcess) {
        if (now - entry.at > presenceExpiryMs) {
          byProcess.delete(process);
          changed = true;
        }
      }
      if (byProcess.size === 0) this.remotePresence.delete(room);
      if (changed) this.broadcastPresence(room);
    }
  }

  private pingAll() {
    for (const set of this.byUser.values()) {
      for (const conn of set) {
        if (!conn.alive) {
          conn.closed = true;
          conn.socket.terminate();
          continue;
        }
        conn.alive = false;
        conn.socket.ping();
      }
    }
  }
}

/** The people named by `user:<id>` rooms. */
const userIdsOf = (rooms: string[]) => rooms.filter((r) => r.startsWith("user:")).map((r) => r.slice(5));
