import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { documentCollabPath } from "@stoa/contracts";
import { buildApp } from "../../app.js";
import type { Database, DbOrTx } from "../../db/client.js";
import { groupMembers, groupSets, groups } from "../../db/schema/index.js";
import { localFileStorage } from "../../platform/storage.js";
import { testAppConfig } from "../../test/server.js";
import type { TestDistrict } from "../../test/factories.js";
import { insertDocument } from "./documents.repository.js";
import type { CollabOptions } from "./collab.js";

/** An app listening on a real port (WebSockets need one), with a short store debounce. */
export async function startCollabApp(database: Database, collab: CollabOptions = {}, redisUrl?: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp(
    database,
    { ...testAppConfig, REDIS_URL: redisUrl },
    { storage: localFileStorage(mkdtempSync(join(tmpdir(), "stoa-test-files-"))), collab: { debounceMs: 50, maxDebounceMs: 200, ...collab } },
  );
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { app, url: `ws://127.0.0.1:${address.port}${documentCollabPath}` };
}

/** A live client of one document, as the browser's provider is, with the given cookie. */
export function connectDocument(url: string, documentId: string, cookie: string, headers: Record<string, string> = {}) {
  class CookieSocket extends WebSocket {
    constructor(address: string) {
      super(address, { headers: { cookie, ...headers } });
    }
  }
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: CookieSocket, maxAttempts: 1 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: documentId, document: doc, token: "session" });
  const outcome = new Promise<"authenticated" | "denied" | "closed">((resolve) => {
    provider.on("authenticated", () => resolve("authenticated"));
    provider.on("authenticationFailed", () => resolve("denied"));
    socket.on("close", () => resolve("closed"));
  });
  provider.attach();
  const synced = new Promise<void>((resolve) => {
    if (provider.isSynced) resolve();
    provider.on("synced", () => resolve());
  });
  return {
    doc,
    provider,
    outcome,
    synced,
    /** Resolves when the server has acknowledged every local change. */
    settled: () =>
      new Promise<void>((resolve) => {
        const check = () => (provider.hasUnsyncedChanges ? setTimeout(check, 10) : resolve());
        check();
      }),
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Writes a paragraph at the end of the document as the editor would. */
export function writeParagraph(doc: Y.Doc, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment("default");
  fragment.insert(fragment.length, [paragraph]);
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** classA's published set with group "Red" (studentA1, studentA2) and one document in it. For the matrix too. */
export async function buildDocumentFixture(db: DbOrTx, d: TestDistrict) {
  const [set] = await db
    .insert(groupSets)
    .values({ districtId: d.district.id, classId: d.classA.id, name: "Writing teams", strategy: "manual", publishedAt: new Date() })
    .returning();
  const [red] = await db.insert(groups).values({ districtId: d.district.id, setId: set!.id, classId: d.classA.id, name: "Red" }).returning();
  await db.insert(groupMembers).values([
    { groupId: red!.id, setId: set!.id, userId: d.studentA1.id, districtId: d.district.id },
    { groupId: red!.id, setId: set!.id, userId: d.studentA2.id, districtId: d.district.id },
  ]);
  const document = await insertDocument(db, { districtId: d.district.id, groupId: red!.id, title: "Our river report", createdBy: d.studentA1.id });
  return { set: set!, red: red!, document };
}
