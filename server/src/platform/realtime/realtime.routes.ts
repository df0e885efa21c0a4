import { eq, sql } from "drizzle-orm";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Database } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { AppError, unauthenticated } from "../errors.js";
import { onEventsCommitted } from "../events.js";
import type { RealtimeBus } from "./bus.js";
import { OutboxDispatcher, type DispatcherOptions } from "./dispatcher.js";
import { RealtimeHub, type FreshSessionResolver } from "./hub.js";
import { sessionKeyOf, tokenHashOf } from "./session-key.js";

export interface RealtimeOptions {
  database: Pick<Database, "db" | "kind">;
  bus: RealtimeBus;
  /** The session cookie's name (the identity module's). */
  cookieName: string;
  /** The public origin behind a proxy; the app's own origin is always accepted. */
  publicOrigin?: string;
  /** Reads a session again without any cache (re-checks when access changes). */
  resolveFresh: FreshSessionResolver;
  dispatcher?: DispatcherOptions;
  /** Minutes between re-checks of every socket's session and rooms (a session that expired is closed). */
  recheckMinutes?: number;
}

/** What the process keeps of real time: the hub (this process's sockets) and the outbox reader. */
export interface Realtime {
  hub: RealtimeHub;
  dispatcher: OutboxDispatcher;
  /** Starts delivering (done on listen, and on the first socket). */
  start(): Promise<void>;
}

const displayName = sql<string>`coalesce(nullif(${users.preferredName}, ''), ${users.givenName}) || ' ' || ${users.familyName}`;

/**
 * `GET /api/realtime`: one WebSocket per browser tab (decision 013). The upgrade is refused
 * without a session (401) and from another site's page (403: cross-site WebSocket hijacking).
 * Needs @fastify/websocket registered on the app.
 */
export function registerRealtime(app: FastifyInstance, options: RealtimeOptions): Realtime {
  const { db } = options.database;
  const hub = new RealtimeHub({ db, bus: options.bus, resolveFresh: options.resolveFresh, log: app.log });
  const dispatcher = new OutboxDispatcher(db, options.bus, {
    // PGlite is one connection: while the outbox query runs no transaction is open, so a missing id
    // was rolled back and there is nothing to wait for.
    ...(options.database.kind === "pglite" ? { holdMs: 0 } : {}),
    ...options.dispatcher,
    onError: (error) => app.log.warn({ err: error }, "real-time outbox reader"),
  });
  let started: Promise<void> | undefined;
  let recheckTimer: NodeJS.Timeout | undefined;
  let stopWaking: (() => void) | undefined;
  const start = () =>
    (started ??= (async () => {
      await hub.start();
      // Events committed by this process wake the outbox reader, here or in the process holding the lease.
      stopWaking = onEventsCommitted(() => options.bus.wakeReader());
      await dispatcher.start();
      recheckTimer = setInterval(() => hub.recheckAll(), (options.recheckMinutes ?? 5) * 60_000);
      recheckTimer.unref();
    })());
  const names = new WeakMap<FastifyRequest, string>();

  app.addHook("onListen", async () => {
    await start();
  });
  app.addHook("onClose", async () => {
    clearInterval(recheckTimer);
    stopWaking?.();
    await dispatcher.stop();
    hub.stop();
    await options.bus.close();
  });

  app.get(
    "/api/realtime",
    {
      websocket: true,
      schema: { hide: true },
      preValidation: async (request) => {
        const origin = request.headers.origin;
        // Browsers always send Origin on a WebSocket; a page of another site must not ride the cookie.
        if (origin !== undefined && origin !== `${request.protocol}://${request.host}` && origin !== options.publicOrigin)
          throw new AppError(403, "cross_site", "Live updates are only served to Stoa's own pages");
        if (!request.actor) throw unauthenticated();
        const [row] = await db.select({ name: displayName }).from(users).where(eq(users.id, request.actor.userId)).limit(1);
        names.set(request, row?.name ?? "");
        await start();
      },
    },
    (socket, request) => {
      const actor = request.actor;
      const token = request.cookies[options.cookieName];
      if (!actor || !token) {
        socket.close(4401, "Sign in to continue");
        return;
      }
      const member = { userId: actor.userId, name: names.get(request) ?? "" };
      hub.attach(socket, actor, token, sessionKeyOf(tokenHashOf(token)), member, request.ip);
    },
  );

  return { hub, dispatcher, start };
}
