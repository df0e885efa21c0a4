import type { DbOrTx } from "../../db/client.js";
import { groupMembers, groupSets, groups } from "../../db/schema/index.js";
import type { TestDistrict } from "../../test/factories.js";

/** A group of class A ("Red", with studentA1 only) in a group set, published unless told otherwise. */
export async function buildChatGroup(db: DbOrTx, d: TestDistrict, opts: { published?: boolean } = {}) {
  const [set] = await db
    .insert(groupSets)
    .values({
      districtId: d.district.id,
      classId: d.classA.id,
      name: "Chat set",
      strategy: "manual",
      publishedAt: opts.published === false ? null : new Date(),
    })
    .returning();
  const [group] = await db.insert(groups).values({ districtId: d.district.id, setId: set!.id, classId: d.classA.id, name: "Red" }).returning();
  await db.insert(groupMembers).values({ groupId: group!.id, setId: set!.id, userId: d.studentA1.id, districtId: d.district.id });
  return { set: set!, group: group! };
}
