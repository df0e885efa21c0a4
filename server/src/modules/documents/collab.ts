/**
 * Live co-editing: a Hocuspocus instance attached to Fastify's WebSocket route. Each upgrade is
 * authenticated by the session cookie (the platform's onRequest hook), a foreign Origin is refused,
 * and each document is authorised like the REST reads (members and teachers edit, admins read).
 * Content is loaded from and stored to PostgreSQL (debounced); with Redis, processes share edits.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { RawData, WebSocket } from "ws";
import { Hocuspocus, type Extension } from "@hocuspocus/server";
import { Redis as RedisExtension } from "@hocuspocus/extension-redis";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { documentCollabPath, documentLimits, documentTooLargeReason } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { recordEvent } from "../../platform/events.js";
import { sanitizeRichText } from "../../platform/rich-text.js";
import * as repo from "./documents.repository.js";
import { documentAccessFor, type LiveDocuments } from "./documents.service.js";
import { docFromState, replaceContent, ydocToHtml } from "./yjs-html.js";

/** The connection's context: who is on the other end. */
interface CollabContext {
  actor?: Actor;
  /** The actor's display name, shown on their caret (set when the document is authorised). */
  name?: string;
}

export interface CollabOptions {
  /** Share live edits between processes (Hocuspocus' Redis extension). */
  redisUrl?: string;
  /** Key prefix in Redis (tests use their own). */
  redisPrefix?: string;
  /** Store this long after the last change (ms), and at least this often while people type. */
  debounceMs?: number;
  maxDebounceMs?: number;
  /** An automatic version at most this often while a document is edited. */
  autoVersionMinutes?: number;
  /** Largest document (bytes of Yjs state). */
  maxBytes?: number;
  /** The site's public origin (behind a proxy); the request's own origin is always accepted. */
  publicOrigin?: string;
}

/** Close code sent when an update would make the document larger than allowed. */
export const tooLargeCloseCode = 4413;

export interface Collab extends LiveDocuments {
  hocuspocus: Hocuspocus<CollabContext>;
  /** Registers `GET /api/documents/collab` (needs @fastify/websocket registered). */
  routes: (app: FastifyInstance) => Promise<void>;
  /** Stores every open document now and disconnects everyone (shutdown). */
  shutdown: () => Promise<void>;
}

const refused = (reason: string) => Object.assign(new Error(reason), { reason });

/** True when an incoming Hocuspocus message carries document content (sync step 2 or an update). */
function carriesContent(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== 0) return false; // not a Sync message
    const step = decoding.readVarUint(decoder);
    return step === 1 || step === 2;
  } catch {
    return false;
  }
}

/** Builds the live co-editing server over the database. */
export function createCollab(db: Db, options: CollabOptions = {}): Collab {
  const maxBytes = options.maxBytes ?? documentLimits.maxBytes;
  const autoVersionMs = (options.autoVersionMinutes ?? 5) * 60_000;
  // An upper estimate of each open document's size; recomputed exactly when it nears the limit.
  const sizes = new Map<string, number>();

  const extensions: Extension[] = [];
  if (options.redisUrl) {
    extensions.push(
      new RedisExtension({ prefix: options.redisPrefix ?? "stoa:documents", ...redisTarget(options.redisUrl) }),
    );
  }

  const hocuspocus = new Hocuspocus<CollabContext>({
    name: "stoa-documents",
    quiet: true,
    debounce: options.debounceMs ?? 2_000,
    maxDebounce: options.maxDebounceMs ?? 10_000,
    extensions,

    async onAuthenticate({ context, documentName, connectionConfig }) {
      if (!context.actor) throw refused("unauthenticated");
      const access = await documentAccessFor(db, context.actor, documentName);
      if (!access) throw refused("not-found");
      connectionConfig.readOnly = access === "read";
      return { name: await repo.displayNameOf(db, context.actor.userId) };
    },

    // Names and colours on carets come from the server's session, never from what a client claims.
    async beforeHandleAwareness({ context, states }) {
      if (!context?.actor) return;
      for (const state of states.values()) {
        if (!state || typeof state !== "object" || !("user" in state)) continue;
        const claimed = state.user as { color?: unknown } | null;
        const color = typeof claimed?.color === "string" && /^#[0-9a-f]{6}$/i.test(claimed.color) ? claimed.color : undefined;
        state.user = { id: context.actor.userId, name: context.name ?? "", ...(color ? { color } : {}) };
      }
    },

    async onLoadDocument({ documentName, document }) {
      const row = await repo.findDocument(db, documentName);
      if (row?.state && row.state.byteLength > 0) Y.applyUpdate(document, row.state);
      sizes.set(documentName, row?.size ?? 0);
      return document;
    },

    async beforeHandleMessage({ documentName, document, update }) {
      if (!carriesContent(update)) return;
      let size = (sizes.get(documentName) ?? 0) + update.byteLength;
      if (size > maxBytes) {
        size = Y.encodeStateAsUpdate(document).byteLength + update.byteLength;
        if (size > maxBytes) throw Object.assign(new Error("document too large"), { code: tooLargeCloseCode, reason: documentTooLargeReason });
      }
      sizes.set(documentName, size);
    },

    async onStoreDocument({ documentName, document, lastContext }) {
      await store(documentName, document, lastContext?.actor?.userId ?? null);
    },

    async afterUnloadDocument({ documentName }) {
      sizes.delete(documentName);
    },
  });

  /** Writes the document's content when it changed; an automatic version at most every few minutes. */
  async function store(documentId: string, document: Y.Doc, userId: string | null) {
    const state = Y.encodeStateAsUpdate(document);
    sizes.set(documentId, state.byteLength);
    await db.transaction(async (tx) => {
      const current = await repo.findDocument(tx, documentId);
      if (!current) return; // deleted: never bring it back
      if (current.state && Buffer.from(current.state).equals(Buffer.from(state))) return;
      const html = sanitizeRichText(ydocToHtml(document));
      const stored = await repo.storeContent(tx, documentId, { state, html, updatedBy: userId });
      if (!stored) return;
      // The first automatic version comes a few minutes after the document was created.
      const last = await repo.lastVersion(tx, documentId);
      const since = last?.createdAt ?? current.createdAt;
      if (Date.now() - since.getTime() < autoVersionMs) return;
      const saved = await repo.insertVersionFromDocument(tx, documentId, "auto", userId);
      if (saved)
        await recordEvent(tx, stored.districtId, "document.version_saved", [`group:${stored.groupId}`], {
          documentId,
          groupId: stored.groupId,
          versionNumber: saved.number,
        });
    });
  }

  async function flush(documentId: string, actor: Actor) {
    // Alone, only a document open here can hold unsaved content; with Redis another process may
    // hold it, and loading it here waits for that process's state.
    if (!options.redisUrl && !hocuspocus.documents.has(documentId)) return;
    const connection = await hocuspocus.openDirectConnection(documentId, { actor });
    await connection.disconnect(); // stores at once
  }

  async function replace(documentId: string, state: Uint8Array, actor: Actor) {
    const connection = await hocuspocus.openDirectConnection(documentId, { actor });
    try {
      await connection.transact((doc) => replaceContent(doc, docFromState(state)));
    } finally {
      await connection.disconnect();
    }
  }

  function close(documentId: string) {
    hocuspocus.closeConnections(documentId);
  }

  async function shutdown() {
    hocuspocus.closeConnections();
    const pending = [...hocuspocus.documents.values()].map((document) =>
      store(document.name, document, null).catch((error: unknown) => console.error("could not store a shared document on shutdown", error)),
    );
    await Promise.all(pending);
  }

  async function routes(app: FastifyInstance) {
    app.get(
      documentCollabPath,
      {
        websocket: true,
        schema: { hide: true },
        preValidation: async (request, reply) => {
          if (!sameOrigin(request, options.publicOrigin))
            return reply.status(403).send({ error: { code: "cross_site", message: "Requests from other sites are not accepted" } });
          if (!request.actor) return reply.status(401).send({ error: { code: "unauthenticated", message: "Sign in to continue" } });
        },
      },
      (socket: WebSocket, request: FastifyRequest) => {
        const headers = new Headers();
        for (const [key, value] of Object.entries(request.headers)) {
          if (key === "cookie" || value === undefined) continue; // hooks get the actor, never the raw session
          headers.set(key, Array.isArray(value) ? value.join(", ") : value);
        }
        const connection = hocuspocus.handleConnection(socket, new Request(`http://localhost${request.url}`, { headers }), {
          actor: request.actor ?? undefined,
        });
        socket.on("message", (data: RawData) => connection.handleMessage(toBytes(data)));
        socket.on("close", (code: number, reason: Buffer) => connection.handleClose({ code, reason: reason.toString() }));
      },
    );
  }

  return { hocuspocus, routes, shutdown, flush, replace, close };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A WebSocket upgrade from another site is refused: browsers always send Origin on it. */
function sameOrigin(request: FastifyRequest, publicOrigin?: string): boolean {
  if (request.headers["sec-fetch-site"] === "cross-site") return false;
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser (tests, tools): the session cookie still decides
  return origin === `${request.protocol}://${request.host}` || origin === publicOrigin;
}

/** Host, port and options of a redis:// URL for the Redis extension. */
function redisTarget(url: string) {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined;
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    options: { ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}), ...(db !== undefined ? { db } : {}) },
  };
}
