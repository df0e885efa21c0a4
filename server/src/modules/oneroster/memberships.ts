import { rowKey, type DesiredRow, type ExistingRow, type RowDiff } from "./diff.js";

/** The part of an enrolment that Stoa keeps unique: one row per class, person and role. */
export interface Membership {
  classId: string;
  userId: string;
  role: string;
}

/** The membership as one string, for lookups. */
export const memberOf = (v: Membership) => `${v.classId}\n${v.userId}\n${v.role}`;

/**
 * Stoa allows one enrolment row per class, person and role. When a bundle lists a membership under
 * a sourcedId Stoa does not know, but a stored row already holds that membership (made in Stoa, or
 * imported under a key this bundle no longer lists or marks tobedeleted), that row is taken over
 * under the new key instead of inserting a clashing second row; the old key's tobedeleted record
 * is then moot: the membership lives on under its new key. Call after every stored row has been
 * visited. `holdersOf` loads the stored rows holding the given memberships; it is only called when
 * some record is new, so a plain re-import costs nothing.
 */
export async function takeOverMemberships<V extends Membership>(
  diff: RowDiff<V>,
  holdersOf: (members: V[]) => Promise<ExistingRow<V>[]>,
): Promise<void> {
  const fresh = diff.unmatched().filter((d) => d.status === "active");
  if (fresh.length === 0) return;
  const holders = new Map((await holdersOf(fresh.map((d) => d.values))).map((row) => [memberOf(row.values), row]));
  const taken = new Set<string>();
  for (const want of fresh) {
    const holder = holders.get(memberOf(want.values));
    if (!holder || taken.has(holder.id)) continue;
    const holderWant: DesiredRow<V> | undefined = diff.want(rowKey(holder));
    if (holderWant && holderWant.status === "active") continue;
    taken.add(holder.id);
    diff.takeOver(holder, want);
  }
}
