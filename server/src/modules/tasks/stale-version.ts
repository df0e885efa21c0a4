import { AppError } from "../../platform/errors.js";

/**
 * 409 for a change made from a stale version: carries the current version so the route can send
 * it back ("someone else changed this; here is their version") and the UI can offer to reload.
 */
export class StaleVersion extends AppError {
  constructor(readonly current: unknown) {
    super(
      409,
      "stale_version",
      "Someone else changed this while you were editing. Here is their version: reload it, then make your change again.",
    );
  }
}
