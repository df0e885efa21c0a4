import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

/**
 * The headers helmet sets for these options, computed once. They depend only on the options
 * (Stoa uses no CSP nonces), so building helmet's middleware and re-parsing the CSP on every
 * request, as @fastify/helmet does, is wasted work on the hottest path.
 */
export function computeSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
    finished = true;
  });
  // helmet runs synchronously; if a future version did not, the headers would be incomplete.
  if (!finished) throw new Error("helmet did not finish synchronously: security headers cannot be precomputed");
  return headers;
}

/** Sets helmet's security headers (computed once from the options) on every response. */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions) {
  const entries = Object.entries(computeSecurityHeaders(options));
  app.addHook("onRequest", (_request, reply, done) => {
    for (const [name, value] of entries) void reply.header(name, value);
    done();
  });
}
