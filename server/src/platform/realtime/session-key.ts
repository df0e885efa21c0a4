import { createHash } from "node:crypto";

/**
 * The name of one session in real-time control events (sign-out closes that session's sockets in
 * every process). Derived from the stored token hash, so neither the token nor the stored hash
 * ever travels through the outbox.
 */
export const sessionKeyOf = (tokenHash: string) => createHash("sha256").update(`realtime:${tokenHash}`).digest("hex").slice(0, 32);

/** The stored hash of a session token (the identity module stores sessions under this). */
export const tokenHashOf = (token: string) => createHash("sha256").update(token).digest("hex");
