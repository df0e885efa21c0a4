import type { TImportCounts } from "@stoa/contracts";
import type { RecordStatus } from "./model.js";

/** A stored row as the importer compares it: id, stored sourcedId, status and the managed values. */
export interface ExistingRow<V> {
  id: string;
  sourcedId: string | null;
  status: RecordStatus;
  values: V;
}

/** What the bundle wants a record to be. */
export interface DesiredRow<V> {
  sourcedId: string;
  status: RecordStatus;
  values: V;
}

/** A row to write: a stored row's id (update), or null for a new row (the database picks its id). */
export interface RowWrite<V> {
  id: string | null;
  sourcedId: string | null;
  status: RecordStatus;
  values: V;
}

export interface DiffResult<V> {
  /** Updates first, then inserts: an update may free a unique key that an insert then takes. */
  writes: RowWrite<V>[];
  /** Ids of active rows a bulk file no longer lists. */
  deactivate: string[];
  counts: TImportCounts;
  /** Record key -> id of every stored row (unless keepIds is off); the writer adds the new rows' ids. */
  ids: Map<string, string>;
}

/** An empty tally. */
export const zeroCounts = (): TImportCounts => ({ created: 0, updated: 0, deactivated: 0, unchanged: 0 });

/**
 * The key a row answers to: its sourcedId, or for a row made in Stoa (no sourcedId) its id —
 * the sourcedId Stoa's export writes for it, so an export re-imports onto the same rows.
 */
export const rowKey = (row: { id: string; sourcedId: string | null }) => row.sourcedId ?? row.id;

/**
 * Compares what a file wants with what is stored and decides, per record, create / update /
 * deactivate / leave alone. Unchanged rows are not written at all, so their updated_at stays.
 * In bulk mode, imported rows (sourcedId set) missing from the file are deactivated, never
 * deleted; rows made in Stoa are never touched by their absence.
 *
 * Stored rows are visited one at a time (`visit`), so a caller can stream 150,000 of them from
 * the database without holding them all; `finish` then adds an insert for every record no stored
 * row matched.
 */
export class RowDiff<V extends object> {
  readonly counts = zeroCounts();
  readonly ids = new Map<string, string>();
  private readonly wanted: Map<string, DesiredRow<V>>;
  private readonly seen = new Set<string>();
  private readonly updates = new Map<string, RowWrite<V>>();
  private readonly deactivate = new Set<string>();

  constructor(
    desired: DesiredRow<V>[],
    private readonly bulk: boolean,
    private readonly keepIds = true,
  ) {
    this.wanted = new Map(desired.map((d) => [d.sourcedId, d]));
  }

  /** The record the bundle lists under this key, if any. */
  want(key: string): DesiredRow<V> | undefined {
    return this.wanted.get(key);
  }

  /** True when a stored row has been matched to the record with this key. */
  matched(key: string): boolean {
    return this.seen.has(key);
  }

  /** The records no stored row matched (so far). */
  unmatched(): DesiredRow<V>[] {
    return [...this.wanted.values()].filter((d) => !this.seen.has(d.sourcedId));
  }

  /** Compares one stored row with the record of its key (or notes its absence). */
  visit(have: ExistingRow<V>): void {
    const key = rowKey(have);
    if (this.keepIds) this.ids.set(key, have.id);
    const want = this.wanted.get(key);
    if (!want) {
      if (this.absentDeactivates(have)) {
        this.deactivate.add(have.id);
        this.counts.deactivated += 1;
      }
      return;
    }
    this.seen.add(key);
    this.counts[this.compare(have, want)] += 1;
  }

  /**
   * Gives a stored row a new key: the record `want` takes it over, undoing whatever visiting it
   * under its old key decided (the old key's tobedeleted record, or its absence from a bulk file).
   */
  takeOver(have: ExistingRow<V>, want: DesiredRow<V>): void {
    const oldKey = rowKey(have);
    const oldWant = this.wanted.get(oldKey);
    if (oldWant && this.seen.has(oldKey)) {
      this.counts[this.outcome(have, oldWant)] -= 1;
      this.updates.delete(have.id);
      this.wanted.delete(oldKey);
    } else if (this.deactivate.delete(have.id)) this.counts.deactivated -= 1;
    this.seen.add(want.sourcedId);
    this.counts[this.compare(have, want)] += 1;
  }

  /** Updates first, then inserts: an update may free a unique key that an insert then takes. */
  finish(): DiffResult<V> {
    const writes = [...this.updates.values()];
    for (const want of this.wanted.values()) {
      if (this.seen.has(want.sourcedId)) continue;
      // No id from JavaScript: randomUUID() builds each id from ~20 string pieces, which 150,000
      // inserts feel; PostgreSQL's default gen_random_uuid() is free.
      writes.push({ id: null, sourcedId: want.sourcedId, status: want.status, values: want.values });
      this.counts.created += 1;
    }
    return { writes, deactivate: [...this.deactivate], counts: this.counts, ids: this.ids };
  }

  private absentDeactivates(have: ExistingRow<V>): boolean {
    return this.bulk && have.sourcedId !== null && have.status === "active";
  }

  /** What comparing `have` with `want` means, without recording it. */
  private outcome(have: ExistingRow<V>, want: DesiredRow<V>): keyof TImportCounts {
    const sourcedId = this.sourcedIdFor(have, want);
    if (have.status === want.status && have.sourcedId === sourcedId && sameFields(want.values, have.values)) return "unchanged";
    return have.status === "active" && want.status === "inactive" ? "deactivated" : "updated";
  }

  private compare(have: ExistingRow<V>, want: DesiredRow<V>): keyof TImportCounts {
    const outcome = this.outcome(have, want);
    if (outcome !== "unchanged")
      this.updates.set(have.id, { id: have.id, sourcedId: this.sourcedIdFor(have, want), status: want.status, values: want.values });
    return outcome;
  }

  // A Stoa-made row matched through its id keeps its null sourcedId: it is still Stoa's own.
  private sourcedIdFor(have: ExistingRow<V>, want: DesiredRow<V>): string | null {
    return have.sourcedId === null && want.sourcedId === have.id ? null : want.sourcedId;
  }
}

/** The whole diff at once, for rows already in memory. */
export function diffRows<V extends object>(
  desired: DesiredRow<V>[],
  existing: ExistingRow<V>[],
  bulk: boolean,
  keepIds = true,
): DiffResult<V> {
  const diff = new RowDiff(desired, bulk, keepIds);
  for (const row of existing) diff.visit(row);
  return diff.finish();
}

/**
 * True when `have` holds the same value as `want` for every field `want` has (a stored row may
 * carry more fields, e.g. its id). Runs for every row of a re-import, so it avoids allocating.
 */
export function sameFields<V extends object>(want: V, have: V): boolean {
  for (const key in want) if (!sameValue(want[key], have[key])) return false;
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
    return true;
  }
  if (a && b && typeof a === "object" && typeof b === "object") return sameValues(a, b);
  return false;
}

/** Deep equality through a canonical JSON form (object keys sorted; arrays keep their order). */
export function sameValues(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
