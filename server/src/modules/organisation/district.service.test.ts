import { afterAll, describe, expect, it } from "vitest";
import { getTestDatabase } from "../../test/db.js";
import { signIn } from "../../test/server.js";
import { uniqueSuffix } from "../../test/factories.js";
import { createDistrictWithAdmin } from "./district.service.js";

afterAll(async () => (await getTestDatabase()).close());

describe("creating a district from the command line", () => {
  it("creates the district and an administrator who can sign in with the one-time password", async () => {
    const { db } = await getTestDatabase();
    const username = `first-admin-${uniqueSuffix()}`;
    const { district, password } = await createDistrictWithAdmin(db, { name: "Lakeside", adminUsername: username, adminEmail: null });
    const session = await signIn(username, password);
    const me = (await session.request("GET", "/api/me")).json();
    expect(me.data.district).toEqual({ id: district.id, name: "Lakeside" });
    expect(me.data.roles).toEqual([expect.objectContaining({ role: "district_admin", schoolId: null })]);
    await expect(createDistrictWithAdmin(db, { name: "Again", adminUsername: username.toUpperCase(), adminEmail: null })).rejects.toMatchObject({ statusCode: 409 });
  });
});
