import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localFileStorage } from "../platform/storage.js";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildApp, type AppConfig } from "../app.js";
import { getTestDatabase } from "./db.js";

let shared: Promise<FastifyInstance> | undefined;

/** The settings every test app runs with; a test that needs other limits spreads and overrides them. */
export const testAppConfig: AppConfig = {
  SESSION_IDLE_MINUTES: 120,
  SESSION_ABSOLUTE_HOURS: 12,
  // As in production: changes made through the services must reach the cache at once.
  SESSION_CACHE_SECONDS: 5,
  PUBLIC_ORIGIN: undefined,
  TRUST_PROXY: "false",
  LOG_LEVEL: "silent",
  MAX_UPLOAD_MB: 5,
};

/** The app over this test file's database (built once per file). */
export function getTestApp(): Promise<FastifyInstance> {
  shared ??= (async () => {
    const database = await getTestDatabase();
    const app = await buildApp(database, testAppConfig, { storage: localFileStorage(mkdtempSync(join(tmpdir(), "stoa-test-files-"))) });
    await app.ready();
    return app;
  })();
  return shared;
}

/** A signed-in client: its cookie and CSRF token are sent with every request. */
export interface Session {
  cookie: string;
  csrf: string;
  request(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

/** Signs in through the real endpoint and returns a client bound to that session. */
export async function signIn(login: string, password: string, ip = "127.0.0.1"): Promise<Session> {
  const app = await getTestApp();
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { login, password }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${login} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === "stoa_session");
  if (!setCookie) throw new Error("no session cookie");
  const cookie = `stoa_session=${setCookie.value}`;
  const csrf = (res.json() as { data: { csrfToken: string } }).data.csrfToken;
  return {
    cookie,
    csrf,
    request: (method, url, payload) =>
      app.inject({
        method,
        url,
        remoteAddress: ip,
        headers: { cookie, ...(method === "GET" ? {} : { "x-csrf-token": csrf }) },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}
