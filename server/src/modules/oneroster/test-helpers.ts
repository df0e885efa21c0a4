import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import yazl from "yazl";
import type { Db } from "../../db/client.js";
import { districts, users } from "../../db/schema/index.js";
import type { ImportActor } from "./oneroster.service.js";

/** The shared sample bundles, read where they live (never copied into the repository). */
export const samples = new URL("../../../../../shared/data/oneroster/", import.meta.url).pathname;

/** A fresh district and a district administrator acting for it. */
export async function buildDistrict(db: Db, options: { importDemographics?: boolean; name?: string } = {}) {
  const [district] = await db
    .insert(districts)
    .values({ name: options.name ?? `OneRoster test ${randomUUID().slice(0, 8)}`, importDemographics: options.importDemographics ?? false })
    .returning();
  const id = district?.id as string;
  const [admin] = await db
    .insert(users)
    .values({ districtId: id, username: `admin-${randomUUID()}`, givenName: "Ada", familyName: "Admin" })
    .returning();
  const actor: ImportActor = {
    userId: admin?.id as string,
    districtId: id,
    roles: [{ role: "district_admin", schoolId: null, staffKind: null }],
    ip: null,
  };
  return { districtId: id, actor };
}

/** Row counts of everything an import may touch in one district, to prove a refusal changed nothing. */
export async function districtState(db: Db, districtId: string) {
  const count = async (table: string, where = sql`district_id = ${districtId}`) => {
    const result = (await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`)) as unknown as {
      rows: { n: number }[];
    };
    return Number(result.rows[0]?.n ?? 0);
  };
  const [district] = await db
    .select({ sourcedId: districts.sourcedId })
    .from(districts)
    .where(sql`id = ${districtId}`);
  return {
    districtSourcedId: district?.sourcedId ?? null,
    schools: await count("schools"),
    terms: await count("terms"),
    courses: await count("courses"),
    classes: await count("classes"),
    users: await count("users"),
    activeUsers: await count("users", sql`district_id = ${districtId} and status = 'active'`),
    roles: await count("role_assignments"),
    guardianLinks: await count("guardian_links"),
    enrolments: await count("enrolments"),
    demographics: await count("demographics"),
  };
}

/**
 * Usernames and emails are unique across the installation, and tests share one database on
 * PostgreSQL (and across runs). After a test imports a bundle, it renames its district's people so
 * the next test — or the next run — can import the same bundle into its own district.
 */
export async function releaseNames(db: Db, districtId: string): Promise<void> {
  await db.execute(sql`update users set username = username || '~' || id, email = case when email is null then null else email || '~' || id end
    where district_id = ${districtId} and username not like '%~%'`);
}

/** A zip built in memory: entries as name -> text (or bytes). */
export function buildZip(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries))
    archive.addBuffer(typeof content === "string" ? Buffer.from(content) : content, name);
  archive.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    archive.outputStream.on("data", (c: Buffer) => chunks.push(c));
    archive.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    archive.outputStream.on("error", reject);
  });
}

/** A CSV file from a header and rows (no quoting needed by the values tests use, except where they add it). */
export const csvFile = (header: string[], rows: string[][]) => [header.join(","), ...rows.map((r) => r.join(","))].join("\r\n") + "\r\n";

/** A manifest for the given files and modes. */
export function manifestFile(version: "1.1" | "1.2", modes: Record<string, "bulk" | "delta" | "absent">): string {
  return csvFile(
    ["propertyName", "value"],
    [["manifest.version", "1.0"], ["oneroster.version", version], ...Object.entries(modes).map(([f, m]) => [`file.${f}`, m])],
  );
}
