import { createHash, randomBytes } from "node:crypto";
import type { TAbilities, TChangePasswordRequest, TLoginRequest, TMe } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { type Actor, isDistrictAdmin, hasRole } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { recordAccessChange, recordSessionEnded } from "../../platform/realtime/access.js";
import { AppError, badRequest, tooManyRequests, unauthenticated } from "../../platform/errors.js";
import * as repo from "./identity.repository.js";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords.js";
import { SessionCache } from "./session-cache.js";

export const sessionCookieName = "stoa_session";

/** Session lifetimes, from configuration. */
export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
  /** Seconds a resolved session may be reused from this process's cache (0: read it on every request); decision 007. */
  cacheSeconds: number;
}

// One cache per process: keys are hashes of random 256-bit tokens, unique across databases too.
const sessionCache = new SessionCache();

const throttleWindowMs = 15 * 60_000;
const throttleLimit = 10;
// Writing last_seen_at on every request would turn each read into a write; a minute is precise enough.
const touchEveryMs = 60_000;

/** The stored form of a session token: only a hash, so a database leak yields no live sessions. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Signs a person in: throttled per account and per IP; the same answer whether the account exists or not. */
export async function login(db: Db, input: TLoginRequest & { ip: string; userAgent: string | null; previousToken?: string }) {
  const accountKey = `account:${input.login.toLowerCase()}`;
  const keys = [accountKey, `ip:${input.ip}`];
  await refuseWhenThrottled(db, keys);
  const user = await repo.findUserByLogin(db, input.login);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordOk || user.status !== "active") {
    await repo.recordFailures(db, keys);
    throw new AppError(401, "invalid_credentials", "That username or email and password do not match an account");
  }
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  await db.transaction(async (tx) => {
    // Rotation: a sign-in never reuses the session the browser arrived with.
    if (input.previousToken) {
      sessionCache.forget(hashToken(input.previousToken));
      await repo.deleteSession(tx, hashToken(input.previousToken));
    }
    await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await repo.clearFailures(tx, accountKey, new Date(Date.now() - throttleWindowMs));
  });
  return { token, csrfToken, userId: user.id, districtId: user.districtId };
}

async function refuseWhenThrottled(db: DbOrTx, keys: string[]) {
  const now = Date.now();
  const counts = await repo.countFailures(db, keys, new Date(now - throttleWindowMs));
  const blocked = counts.filter((c) => c.count >= throttleLimit);
  if (blocked.length === 0) return;
  const until = Math.max(...blocked.map((c) => new Date(c.oldest).getTime() + throttleWindowMs));
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  throw tooManyRequests(seconds, `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minute(s)`);
}

/** Turns a session cookie into an actor, or null when the session is unknown, idle too long or too old. */
export async function resolveSession(db: Db, token: string, ip: string | null, settings: SessionSettings) {
  const tokenHash = hashToken(token);
  const now = Date.now();
  const ttlMs = settings.cacheSeconds * 1000;
  let row = ttlMs > 0 ? sessionCache.get(tokenHash, now, ttlMs) : undefined;
  const cached = row !== undefined;
  row ??= await repo.findSession(db, tokenHash);
  if (!row) return null;
  const idle = now - row.lastSeenAt.getTime() > settings.idleMinutes * 60_000;
  const expired = now - row.createdAt.getTime() > settings.absoluteHours * 3_600_000;
  if (idle || expired) {
    sessionCache.forget(tokenHash);
    await repo.deleteSession(db, tokenHash);
    return null;
  }
  if (!cached) {
    if (now - row.lastSeenAt.getTime() > touchEveryMs) {
      await repo.touchSession(db, tokenHash);
      row = { ...row, lastSeenAt: new Date(now) };
    }
    if (ttlMs > 0) sessionCache.set(tokenHash, row, now);
  }
  const actor: Actor = { userId: row.userId, districtId: row.districtId, roles: row.roles, ip };
  return { actor, csrfToken: row.csrfToken };
}

/** Ends the session behind this token; its live sockets close in every process. */
export async function logout(db: Db, token: string) {
  const tokenHash = hashToken(token);
  sessionCache.forget(tokenHash);
  const session = await repo.findSession(db, tokenHash);
  await db.transaction(async (tx) => {
    await repo.deleteSession(tx, tokenHash);
    if (session) await recordSessionEnded(tx, session.districtId, session.userId, tokenHash);
  });
}

/** Makes this process read every session from the database again (after a bulk change such as a roster import). */
export function forgetAllCachedSessions() {
  sessionCache.clear();
}

/**
 * Makes this process read a person's sessions from the database again on their next request:
 * call it after changing their status or roles (other processes notice within the cache's lifetime).
 */
export function forgetSessionsOfUser(userId: string, exceptToken?: string) {
  sessionCache.forgetUser(userId, exceptToken === undefined ? undefined : hashToken(exceptToken));
}

/** What the app may show this person. */
export function abilitiesOf(actor: Actor): TAbilities {
  const districtAdmin = isDistrictAdmin(actor);
  const anyAdmin = districtAdmin || hasRole(actor, ["school_admin"]);
  return {
    manageSchools: districtAdmin,
    managePeople: anyAdmin,
    manageClasses: anyAdmin,
    importRosters: districtAdmin,
    viewAudit: districtAdmin,
  };
}

/** The signed-in person, their district, roles and abilities. */
export async function getMe(db: Db, actor: Actor, csrfToken: string): Promise<TMe> {
  const row = await repo.findProfile(db, actor.userId);
  if (!row) throw unauthenticated();
  const { districtId, districtName, roles, ...user } = row;
  return { user, district: { id: districtId, name: districtName }, roles, abilities: abilitiesOf(actor), csrfToken };
}

/** Changes the actor's own password after checking the current one; other sessions end. */
export async function changePassword(db: Db, actor: Actor, input: TChangePasswordRequest, currentToken: string) {
  const user = await repo.findUserById(db, actor.userId);
  if (!user) throw unauthenticated();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badRequest("Your current password is not right", [{ path: "currentPassword", message: "Your current password is not right" }]);
  }
  await db.transaction(async (tx) => {
    await setPassword(tx, actor, user, input.newPassword, "newPassword");
    await repo.deleteSessionsOfUser(tx, user.id, hashToken(currentToken));
    // Live sockets of the ended sessions close (their re-check finds no session).
    await recordAccessChange(tx, actor.districtId, [user.id]);
  });
  forgetSessionsOfUser(user.id, currentToken);
}

/**
 * Sets a user's password (policy checked, hashed, audited). Callers authorize first;
 * used by changePassword and by an admin's or teacher's reset.
 */
export async function setPassword(
  tx: DbOrTx,
  actor: Actor,
  user: { id: string; username: string; givenName: string; familyName: string },
  password: string,
  field = "newPassword",
) {
  const problem = await passwordProblem(password, [user.username, user.givenName, user.familyName]);
  if (problem) throw badRequest(problem, [{ path: field, message: problem }]);
  await repo.updatePasswordHash(tx, user.id, await hashPassword(password));
  const own = actor.userId === user.id;
  await audit(tx, actor, { action: own ? "password.change" : "password.reset", targetType: "user", targetId: user.id });
  if (!own) {
    await repo.deleteSessionsOfUser(tx, user.id);
    await recordAccessChange(tx, actor.districtId, [user.id]);
    forgetSessionsOfUser(user.id);
  }
}
