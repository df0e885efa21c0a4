import { ZApiError } from "@stoa/contracts";

/** One field problem reported by the server, keyed by its dotted path (e.g. "roles.0.role"). */
export interface FieldError {
  path: string;
  message: string;
}

/** An error answer from the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** Seconds from a Retry-After header, when the server sent one. */
    readonly retryAfter: number | null = null,
    /** Any `data` the error body carried (a rejected import carries its run). */
    readonly data: unknown = undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** What every successful answer looks like. */
export interface Envelope<T> {
  data: T;
  policies?: Record<string, boolean>;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the token sent back as X-CSRF-Token on state-changing requests. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what to do when the session is gone (a 401 outside sign-in). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** Builds /api/... with the defined query parameters. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ""}`;
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** Turns an error answer (status + parsed body) into an ApiError. */
export function toApiError(status: number, body: unknown, retryAfter: string | null): ApiError {
  const parsed = ZApiError.safeParse(body);
  const data = typeof body === "object" && body !== null && "data" in body ? (body as { data: unknown }).data : undefined;
  if (!parsed.success) return new ApiError(status, "http_error", `The server answered ${status}`, [], parseRetryAfter(retryAfter), data);
  const { code, message, fields } = parsed.data.error;
  return new ApiError(status, code, message, fields ?? [], parseRetryAfter(retryAfter), data);
}

function isUnsafe(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}

/** Headers for a request: JSON and, for state-changing methods, the CSRF token. */
export function requestHeaders(method: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (json) headers["Content-Type"] = "application/json";
  if (isUnsafe(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  return headers;
}

/** Reports a lost session unless the request was the sign-in or the "who am I" probe. */
export function notifyUnauthenticated(status: number, path: string): void {
  if (status === 401 && path !== "/auth/login" && path !== "/me" && onUnauthenticated) onUnauthenticated();
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/** The one fetch wrapper: same-origin JSON, CSRF header, errors parsed into ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Envelope<T>> {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      credentials: "same-origin",
      headers: requestHeaders(method, hasBody),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network", "Could not reach the server");
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    notifyUnauthenticated(response.status, path);
    throw toApiError(response.status, body, response.headers.get("Retry-After"));
  }
  return (body ?? { data: null }) as Envelope<T>;
}

/** Shorthands for the four verbs. */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, { body }),
  del: <T>(path: string) => request<T>("DELETE", path),
};
