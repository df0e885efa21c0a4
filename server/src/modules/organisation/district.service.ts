import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client.js";
import { audit } from "../../platform/audit.js";
import { conflict } from "../../platform/errors.js";
import { hashPassword } from "../identity/passwords.js";
import { insertRole, insertUser, isUsernameTaken } from "./people.repository.js";
import { insertDistrict } from "./schools.repository.js";

/**
 * Creates a district with its first district administrator, who gets a one-time random password.
 * Only the command line calls this: no role may grant district_admin through the API.
 */
export async function createDistrictWithAdmin(db: Db, input: { name: string; adminUsername: string; adminEmail: string | null }) {
  const password = `stoa-${randomBytes(12).toString("base64url")}`;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (await isUsernameTaken(tx, input.adminUsername)) throw conflict(`The username ${input.adminUsername} is taken; choose another`);
    const district = await insertDistrict(tx, input.name);
    const admin = await insertUser(tx, {
      districtId: district.id,
      username: input.adminUsername,
      email: input.adminEmail,
      givenName: "District",
      familyName: "Administrator",
      passwordHash,
    });
    await insertRole(tx, { districtId: district.id, userId: admin.id, role: "district_admin", schoolId: null, staffKind: null });
    await audit(tx, { districtId: district.id, userId: null, ip: null }, { action: "district.create", targetType: "district", targetId: district.id, details: { admin: admin.username } });
    return { district, admin, password };
  });
}
