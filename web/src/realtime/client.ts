import { realtimeCloseCodes, type TPresenceMember, type TRealtimeEvent, type TServerMessage } from "@stoa/contracts";

/** The state of one room for this tab. */
export type RoomStatus = "connecting" | "live" | "denied" | "revoked" | "offline";
/** The state of the tab's connection, for the shell's live status. */
export type ConnectionStatus = "idle" | "connecting" | "live" | "reconnecting" | "signedOut";

type Listener = () => void;

interface RoomState {
  refs: number;
  handlers: Set<(event: TRealtimeEvent) => void>;
  status: RoomStatus;
  /** The newest event id known for this room: resumes start after it. */
  lastId: number | null;
  members: TPresenceMember[];
  typing: Map<string, { member: TPresenceMember; until: number }>;
  listeners: Set<Listener>;
}

/** The server closes with 4401 when the session ended: reconnecting would not help. */
const signedOutCode = realtimeCloseCodes.signedOut;
const pingEveryMs = 25_000;
const pongWithinMs = 10_000;
const typingShowsMs = 4_000;
const typingSendEveryMs = 1_500;
const rememberIds = 2_000;

/** The delay before reconnect attempt n: exponential up to 30 s, with jitter so that tabs do not return together. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * One WebSocket per tab (decision 013): rooms are reference-counted across components; after a
 * reconnect every room is subscribed again with `since` (its last event id), events are delivered
 * once by id, and the connection is pinged so that a dead one is noticed.
 */
export class RealtimeClient {
  private socket: WebSocket | null = null;
  private readonly rooms = new Map<string, RoomState>();
  private readonly seen = new Set<number>();
  private readonly seenOrder: number[] = [];
  private readonly statusListeners = new Set<Listener>();
  private state: ConnectionStatus = "idle";
  private attempt = 0;
  private wanted = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = new Map<string, number>();

  constructor(private readonly url: () => string = defaultUrl) {}

  /** The tab's connection state. */
  get status(): ConnectionStatus {
    return this.state;
  }

  onStatus(listener: Listener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Connects (the signed-in shell calls it); rooms subscribed before wait for it. */
  start(): void {
    this.wanted = true;
    if (this.state === "signedOut") this.state = "idle";
    if (!this.socket) this.connect();
  }

  /** Disconnects for good (sign-out). */
  stop(): void {
    this.wanted = false;
    clearTimeout(this.reconnectTimer);
    this.stopPings();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "bye");
    this.setStatus("idle");
    for (const room of this.rooms.values()) this.setRoom(room, "offline");
  }

  /** Follows a room; returns the function that stops following it. */
  join(room: string, handler: (event: TRealtimeEvent) => void): () => void {
    const state = this.room(room);
    state.refs += 1;
    state.handlers.add(handler);
    if (state.refs === 1) {
      this.setRoom(state, this.socket?.readyState === WebSocket.OPEN ? "connecting" : "offline");
      this.send({ type: "subscribe", room, ...(state.lastId !== null ? { since: state.lastId } : {}) });
    }
    return () => {
      state.handlers.delete(handler);
      state.refs -= 1;
      if (state.refs > 0) return;
      this.send({ type: "unsubscribe", room });
      state.status = "offline";
      state.members = noMembers;
      state.typing.clear();
      this.forget(room, state);
    };
  }

  roomStatus(room: string): RoomStatus {
    return this.rooms.get(room)?.status ?? (this.state === "live" ? "connecting" : "offline");
  }

  members(room: string): TPresenceMember[] {
    return this.rooms.get(room)?.members ?? noMembers;
  }

  typing(room: string): TPresenceMember[] {
    const state = this.rooms.get(room);
    if (!state) return noMembers;
    const now = Date.now();
    return [...state.typing.values()].filter((t) => t.until > now).map((t) => t.member);
  }

  /** Watches one room's status, presence and typing. */
  watch(room: string, listener: Listener): () => void {
    const state = this.room(room);
    state.listeners.add(listener);
    return () => {
      state.listeners.delete(listener);
      this.forget(room, state);
    };
  }

  /** Drops a room nobody follows or watches any more. */
  private forget(room: string, state: RoomState) {
    if (state.refs === 0 && state.listeners.size === 0 && this.rooms.get(room) === state) this.rooms.delete(room);
  }

  /** Tells the room the person is typing (at most every 1.5 s). */
  notifyTyping(room: string): void {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(room) ?? 0) < typingSendEveryMs) return;
    this.lastTypingSent.set(room, now);
    this.send({ type: "typing", room });
  }

  private room(name: string): RoomState {
    let state = this.rooms.get(name);
    if (!state) {
      state = {
        refs: 0,
        handlers: new Set(),
        status: "offline",
        lastId: null,
        members: noMembers,
        typing: new Map(),
        listeners: new Set(),
      };
      this.rooms.set(name, state);
    }
    return state;
  }

  private send(message: unknown) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private connect() {
    clearTimeout(this.reconnectTimer);
    this.setStatus(this.attempt === 0 ? "connecting" : "reconnecting");
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.setStatus("live");
      this.startPings();
      for (const [name, state] of this.rooms) {
        if (state.refs === 0) continue;
        this.setRoom(state, "connecting");
        this.send({ type: "subscribe", room: name, ...(state.lastId !== null ? { since: state.lastId } : {}) });
      }
    };
    socket.onmessage = (message: MessageEvent<string>) => {
      try {
        this.receive(JSON.parse(message.data) as TServerMessage);
      } catch {
        // A message this client does not understand is ignored rather than breaking the others.
      }
    };
    socket.onclose = (close: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopPings();
      for (const state of this.rooms.values()) this.setRoom(state, "offline", { clearPresence: true });
      if (close.code === signedOutCode) {
        this.setStatus("signedOut");
        return;
      }
      if (this.wanted) this.scheduleReconnect();
      else this.setStatus("idle");
    };
  }

  private scheduleReconnect() {
    this.setStatus("reconnecting");
    const delay = backoffMs(this.attempt);
    this.attempt += 1;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.wanted && !this.socket) this.connect();
    }, delay);
  }

  /** Reconnects at once (the browser came back online). */
  retryNow(): void {
    if (!this.wanted || this.socket) return;
    this.attempt = 0;
    this.connect();
  }

  private startPings() {
    this.stopPings();
    this.pingTimer = setInterval(() => {
      this.send({ type: "ping" });
      clearTimeout(this.pongTimer);
      // No answer: the connection is dead even if the browser has not noticed; start again.
      this.pongTimer = setTimeout(() => this.socket?.close(4000, "no pong"), pongWithinMs);
    }, pingEveryMs);
  }

  private stopPings() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }

  private receive(message: TServerMessage) {
    switch (message.type) {
      case "pong":
        clearTimeout(this.pongTimer);
        return;
      case "event":
        this.receiveEvent(message);
        return;
      case "subscribed": {
        const state = this.rooms.get(message.room);
        if (!state) return;
        const refetch = message.refetch === true;
        if (state.lastId === null || message.lastEventId > state.lastId) state.lastId = message.lastEventId;
        this.setRoom(state, "live");
        // Too much was missed to replay: tell the screen to read everything again.
        if (refetch)
          this.dispatch(state, {
            type: "event",
            id: message.lastEventId,
            event: "realtime.refetch",
            rooms: [message.room],
            payload: {},
            at: new Date().toISOString(),
          });
        return;
      }
      case "denied":
      case "revoked": {
        const state = this.rooms.get(message.room);
        if (state) this.setRoom(state, message.type, { clearPresence: true });
        return;
      }
      case "presence": {
        const state = this.rooms.get(message.room);
        if (!state) return;
        state.members = message.members;
        // Someone who left is no longer typing.
        for (const userId of [...state.typing.keys()]) if (!message.members.some((m) => m.userId === userId)) state.typing.delete(userId);
        this.notify(state);
        return;
      }
      case "typing": {
        const state = this.rooms.get(message.room);
        if (!state) return;
        state.typing.set(message.member.userId, { member: message.member, until: Date.now() + typingShowsMs });
        this.notify(state);
        setTimeout(() => this.notify(state), typingShowsMs + 50);
        return;
      }
      case "error":
        return;
    }
  }

  private receiveEvent(event: TRealtimeEvent) {
    for (const room of event.rooms) {
      const state = this.rooms.get(room);
      if (state && (state.lastId === null || event.id > state.lastId)) state.lastId = event.id;
    }
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    this.seenOrder.push(event.id);
    if (this.seenOrder.length > rememberIds) this.seen.delete(this.seenOrder.shift()!);
    const delivered = new Set<(event: TRealtimeEvent) => void>();
    for (const room of event.rooms) {
      const state = this.rooms.get(room);
      if (!state || state.status === "revoked" || state.status === "denied") continue;
      for (const handler of state.handlers) {
        if (delivered.has(handler)) continue;
        delivered.add(handler);
        handler(event);
      }
    }
  }

  private dispatch(state: RoomState, event: TRealtimeEvent) {
    for (const handler of state.handlers) handler(event);
  }

  private setRoom(state: RoomState, status: RoomStatus, opts: { clearPresence?: boolean } = {}) {
    state.status = status;
    if (opts.clearPresence) {
      state.members = noMembers;
      state.typing.clear();
    }
    this.notify(state);
  }

  private notify(state: RoomState) {
    for (const listener of state.listeners) listener();
  }

  private setStatus(status: ConnectionStatus) {
    if (this.state === status) return;
    this.state = status;
    for (const listener of this.statusListeners) listener();
  }
}

const noMembers: TPresenceMember[] = [];

function defaultUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}/api/realtime`;
}
