import { expect, request, type APIRequestContext } from "@playwright/test";
import type { TGroupSetDetail } from "@stoa/contracts";
import { demoPassword, e2ePort } from "./env";

/** A signed-in API client, for checking what a page shows against what the server holds. */
export interface Api {
  get<T>(path: string): Promise<T>;
  /** The HTTP status of a GET, whatever it is. */
  status(path: string): Promise<number>;
  /** Any request that must succeed (2xx), sending the CSRF token on changes; returns `data`. */
  call<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, data?: unknown): Promise<T>;
  dispose(): Promise<void>;
}

/** Signs in over the API (not the page) as the given person. */
export async function apiAs(username: string, password = demoPassword): Promise<Api> {
  const context: APIRequestContext = await request.newContext({ baseURL: `http://127.0.0.1:${e2ePort}` });
  const res = await context.post("/api/auth/login", { data: { login: username, password } });
  expect(res.status(), `API sign-in as ${username}: ${await res.text()}`).toBe(200);
  const csrf = ((await res.json()) as { data: { csrfToken: string } }).data.csrfToken;
  return {
    async get<T>(path: string) {
      const r = await context.get(path);
      expect(r.status(), `GET ${path}: ${await r.text()}`).toBe(200);
      return ((await r.json()) as { data: T }).data;
    },
    status: async (path: string) => (await context.get(path)).status(),
    async call<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, data?: unknown) {
      const r = await context.fetch(path, { method, data, headers: method === "GET" ? {} : { "x-csrf-token": csrf } });
      expect(r.status(), `${method} ${path}: ${await r.text()}`).toBeLessThan(300);
      return r.status() === 204 ? (undefined as T) : ((await r.json()) as { data: T }).data;
    },
    dispose: () => context.dispose(),
  };
}

/** A random group set of the class, published through the API (the groups screens have their own spec). */
export async function publishGroupSet(
  api: Api,
  classId: string,
  options: { name: string; groupSize: number; seed: number },
): Promise<TGroupSetDetail> {
  const set = await api.call<TGroupSetDetail>("POST", `/api/classes/${classId}/group-sets`, { ...options, strategy: "random" });
  return api.call<TGroupSetDetail>("POST", `/api/group-sets/${set.id}/publish`, { version: set.version });
}
