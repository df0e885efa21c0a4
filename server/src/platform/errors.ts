/** An error meant for the person making the request: a status, a stable code and a plain message. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** 400: the request is malformed or breaks a rule; say what to fix. */
export const badRequest = (message: string, fields?: { path: string; message: string }[]) =>
  new AppError(400, "bad_request", message, fields);

/** 404: used for missing resources and for ones the caller may not see, so the two look alike. */
export const notFound = (what = "That item") => new AppError(404, "not_found", `${what} was not found`);

/** 403: the caller can see the resource but may not do this to it. */
export const forbidden = (message = "You are not allowed to do that") => new AppError(403, "forbidden", message);

/** 401: no valid session. */
export const unauthenticated = () => new AppError(401, "unauthenticated", "Sign in to continue");

/** 409: the change clashes with what is stored. */
export const conflict = (message: string, fields?: { path: string; message: string }[]) => new AppError(409, "conflict", message, fields);

/** 429: too many attempts; Retry-After says when to try again. */
export const tooManyRequests = (retryAfterSeconds: number, message: string) =>
  new AppError(429, "too_many_requests", message, undefined, { "retry-after": String(retryAfterSeconds) });
