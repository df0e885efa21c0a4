import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.js";
import { classes, enrolments, roleAssignments, schools, users } from "../../db/schema/index.js";
import { getTestDatabase } from "../../test/db.js";
import { readBundle } from "./bundle.js";
import { parseCsv } from "./csv.js";
import { rosterFiles, sampleRoster } from "./fixture.js";
import { exportOneRoster, importOneRoster, type ImportActor } from "./oneroster.service.js";
import { buildDistrict, buildZip, districtState, releaseNames } from "./test-helpers.js";

/** Each file's rows without dateLastModified (a timestamp of when each copy was written). */
async function comparable(zip: Buffer): Promise<Record<string, string[][]>> {
  const files = await readBundle(zip);
  const out: Record<string, string[][]> = {};
  for (const [name, text] of files) {
    const table = parseCsv(name, text).table;
    if (!table) throw new Error(`${name} does not parse`);
    const stamp = table.header.indexOf("dateLastModified");
    out[name] = [table.header, ...table.rows.map((r) => r.fields)].map((fields) => fields.filter((_, i) => i !== stamp));
  }
  return out;
}

async function addStoaMadeRecords(db: Db, districtId: string) {
  const byKey = async (sourcedId: string) =>
    (
      await db
        .select()
        .from(users)
        .where(and(eq(users.districtId, districtId), eq(users.sourcedId, sourcedId)))
    )[0]!;
  const [school] = await db
    .select()
    .from(schools)
    .where(and(eq(schools.districtId, districtId), eq(schools.sourcedId, "S1")));
  const [club] = await db
    .insert(classes)
    .values({ districtId, schoolId: school!.id, title: "+Art club", classType: "homeroom" })
    .returning();
  await db.insert(enrolments).values({ districtId, classId: club!.id, userId: (await byKey("U3")).id, role: "student" });
  await db
    .insert(roleAssignments)
    .values({ districtId, userId: (await byKey("U1")).id, schoolId: school!.id, role: "staff", staffKind: "interventionist" });
}

describe("exportOneRoster", () => {
  afterAll(async () => (await getTestDatabase()).close());

  // Three imports and an export of a whole bundle: a few seconds alone, ten times that on a busy 2-core machine.
  it(
    "writes a formula-guarded 1.2 bundle that re-imports unchanged, and into a fresh district gives the same roster",
    { timeout: 120_000 },
    async () => {
      const { db } = await getTestDatabase();
      const name = `Export test ${randomUUID().slice(0, 8)}`;
      const a = await buildDistrict(db, { name });
      const prefix = `x${randomUUID().slice(0, 8)}`;
      const first = await importOneRoster(db, a.actor, { source: await buildZip(rosterFiles(sampleRoster(prefix))) });
      expect(first.status).toBe("succeeded");
      await addStoaMadeRecords(db, a.districtId);

      const zip = await exportOneRoster(db, a.actor);
      const files = await readBundle(zip);
      expect([...files.keys()].sort()).toEqual([
        "academicSessions.csv",
        "classes.csv",
        "courses.csv",
        "enrollments.csv",
        "manifest.csv",
        "orgs.csv",
        "roles.csv",
        "users.csv",
      ]);
      expect(files.get("classes.csv")).toContain(",'=Maths 4A,");
      expect(files.get("classes.csv")).toContain(",'+Art club,");
      const people = parseCsv("users.csv", files.get("users.csv") ?? "").table!;
      const password = people.header.indexOf("password");
      expect(people.rows.map((r) => r.fields[password])).toEqual(people.rows.map(() => ""));
      expect(files.get("orgs.csv")).toContain("metadata.boarding");

      const state = await districtState(db, a.districtId);
      const again = await importOneRoster(db, a.actor, { source: zip, fileName: "export.zip" });
      expect(again.problems.filter((p) => p.severity === "error")).toEqual([]);
      for (const [kind, counts] of Object.entries(again.summary?.counts ?? {}))
        expect({ kind, ...counts, unchanged: 0 }).toEqual({ kind, created: 0, updated: 0, deactivated: 0, unchanged: 0 });
      expect(await districtState(db, a.districtId)).toEqual(state);

      // Usernames are unique across Stoa: free A's before importing its people into B.
      await releaseNames(db, a.districtId);
      const b = await buildDistrict(db, { name });
      const system: ImportActor = { ...b.actor, userId: null };
      await db.delete(users).where(eq(users.id, b.actor.userId as string));
      const copy = await importOneRoster(db, system, { source: zip });
      expect(copy.problems.filter((p) => p.severity === "error")).toEqual([]);
      expect(await comparable(await exportOneRoster(db, system))).toEqual(await comparable(zip));
      const { districtSourcedId: _a, ...rest } = await districtState(db, b.districtId);
      const { districtSourcedId: _b, ...expected } = state;
      expect(rest).toEqual(expected);
      await releaseNames(db, b.districtId);
    },
  );
});
