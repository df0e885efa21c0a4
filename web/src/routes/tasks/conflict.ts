import { ApiError } from "../../api/client";

/** The other person's version carried by a 409 "someone else changed this", or null for any other error. */
export function theirVersion<T>(error: unknown): T | null {
  if (error instanceof ApiError && error.status === 409 && error.data) return error.data as T;
  return null;
}
