import type { DbOrTx } from "../db/client.js";
import type { TestDistrict } from "./factories.js";

/** Who makes the request: each role of district `d`, a teacher of another school, an admin of another district. */
export const actors = [
  "anonymous",
  "districtAdmin",
  "schoolAdmin",
  "teacher",
  "staff",
  "student",
  "guardian",
  "otherSchoolTeacher",
  "otherDistrictAdmin",
] as const;
export type MatrixActor = (typeof actors)[number];

/** The request a row sends, built from a fresh district `d` (and `other`, another district). */
export type MatrixRequest = (d: TestDistrict, other: TestDistrict, prepared: unknown) => { url: string; payload?: unknown };

export interface MatrixRow {
  /** Builds what the request needs beyond `buildDistrict` (a task, a group space ...), once per actor, before it signs in. */
  prepare?: (db: DbOrTx, d: TestDistrict, other: TestDistrict) => Promise<unknown>;
  request: MatrixRequest;
  /** Expected status per actor. Unauthorized reads of existing resources answer 404, like missing ones. */
  expect: Record<MatrixActor, number>;
}

/** Shorthand: every actor gets `base`, except those listed. */
export const row = (request: MatrixRequest, base: number, except: Partial<Record<MatrixActor, number>> = {}): MatrixRow => ({
  request,
  expect: { ...Object.fromEntries(actors.map((a) => [a, base])), anonymous: 401, ...except } as Record<MatrixActor, number>,
});

/**
 * Like `row`, for routes about resources that `buildDistrict` does not make: `prepare` builds them
 * in the actor's fresh district and `request` receives what it returned.
 */
export function rowWith<P>(
  prepare: (db: DbOrTx, d: TestDistrict, other: TestDistrict) => Promise<P>,
  request: (d: TestDistrict, other: TestDistrict, prepared: P) => { url: string; payload?: unknown },
  base: number,
  except: Partial<Record<MatrixActor, number>> = {},
): MatrixRow {
  return { ...row(() => ({ url: "" }), base, except), prepare, request: (d, other, prepared) => request(d, other, prepared as P) };
}
