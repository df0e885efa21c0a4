/**
 * The group-set service's door to formation (formation.ts): forms a partition from criteria and
 * scores a partition after a change by hand, turning impossible input into a 400 for the teacher.
 */
import { badRequest } from "../../platform/errors.js";
import { FormationError, formGroups, scorePartition } from "./formation.js";
import type { FormationInput, FormationResult } from "./formation.types.js";

/** Forms groups by the input's criteria and rules; impossible input answers 400 with formation's message. */
export function runFormation(input: FormationInput): FormationResult {
  return explain(() => formGroups(input));
}

/** Scores an existing partition with the input's criteria and rules. */
export function scoreGroups(input: FormationInput, groups: string[][]): FormationResult {
  return explain(() => scorePartition(input, groups));
}

function explain<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof FormationError) throw badRequest(err.message);
    throw err;
  }
}

/** Replaces student ids in formation's messages with their names, so teachers read people, not ids. */
export function withNames(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => names.get(id) ?? "a student");
}
