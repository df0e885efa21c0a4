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
export type MatrixRequest = (d: TestDistrict, other: TestDistrict) => { url: string; payload?: unknown };

export interface MatrixRow {
  request: MatrixRequest;
  /** Expected status per actor. Unauthorized reads of existing resources answer 404, like missing ones. */
  expect: Record<MatrixActor, number>;
}

/** Shorthand: every actor gets `base`, except those listed. */
export const row = (request: MatrixRequest, base: number, except: Partial<Record<MatrixActor, number>> = {}): MatrixRow => ({
  request,
  expect: { ...Object.fromEntries(actors.map((a) => [a, base])), anonymous: 401, ...except } as Record<MatrixActor, number>,
});
