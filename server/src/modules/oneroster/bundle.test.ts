import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BundleError, findFile, readBundle } from "./bundle.js";
import { buildZip } from "./test-helpers.js";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => (e instanceof BundleError ? e.message : `not a BundleError: ${String(e)}`),
  );

/** Sets the "encrypted" flag on every entry of a zip (yazl cannot encrypt), in local and central headers. */
function markEncrypted(zip: Buffer): Buffer {
  const copy = Buffer.from(zip);
  for (let i = 0; i < copy.length - 4; i += 1) {
    const signature = copy.readUInt32LE(i);
    if (signature === 0x04034b50) copy.writeUInt16LE(copy.readUInt16LE(i + 6) | 1, i + 6);
    if (signature === 0x02014b50) copy.writeUInt16LE(copy.readUInt16LE(i + 8) | 1, i + 8);
  }
  return copy;
}

describe("readBundle", () => {
  it("reads a zip whose files sit in one folder, skipping macOS debris and non-CSV files", async () => {
    const zip = await buildZip({
      "roster/manifest.csv": "propertyName,value\r\n",
      "roster/userprofiles.csv": "a",
      "roster/readme.txt": "hi",
      "__MACOSX/roster/._users.csv": "junk",
    });
    const files = await readBundle(zip);
    expect([...files.keys()]).toEqual(["manifest.csv", "userprofiles.csv"]);
    expect(findFile(files, "userProfiles.csv")).toEqual({ name: "userprofiles.csv", text: "a" });
  });

  it("reads a folder, and strips a UTF-8 byte-order mark", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stoa-bundle-"));
    try {
      await writeFile(join(dir, "manifest.csv"), "\uFEFFpropertyName,value\r\n");
      await writeFile(join(dir, "notes.md"), "ignored");
      const files = await readBundle(dir);
      expect([...files.entries()]).toEqual([["manifest.csv", "propertyName,value\r\n"]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses unsafe names, encryption, too many entries and oversize files from the directory alone", async () => {
    const traversal = Buffer.from(
      (await buildZip({ "aa/evil.csv": "x" })).toString("latin1").replaceAll("aa/evil.csv", "../evil.csv"),
      "latin1",
    );
    const absolute = Buffer.from((await buildZip({ "xetc.csv": "x" })).toString("latin1").replaceAll("xetc.csv", "/etc.csv"), "latin1");
    expect(await refusal(readBundle(traversal))).toBe(
      "bundle: expected file names inside the zip without absolute paths or '..' (found '../evil.csv')",
    );
    expect(await refusal(readBundle(absolute))).toMatch(/without absolute paths/);
    expect(await refusal(readBundle(markEncrypted(await buildZip({ "users.csv": "a" }))))).toBe(
      "users.csv: expected an unencrypted file (remove the zip password)",
    );
    const limits = { maxEntries: 3, maxTotalBytes: 1000, maxFileBytes: 600 };
    expect(await refusal(readBundle(await buildZip({ "a.csv": "", "b.csv": "", "c.csv": "", "d.csv": "" }), limits))).toBe(
      "bundle: expected at most 3 files in the zip (it has 4)",
    );
    expect(await refusal(readBundle(await buildZip({ "a.csv": "x".repeat(700) }), limits))).toBe(
      "a.csv: expected a file of at most 0 MB (it unpacks to 0 MB)",
    );
    expect(await refusal(readBundle(await buildZip({ "a.csv": "x".repeat(500), "b.csv": "y".repeat(501) }), limits))).toBe(
      "bundle: expected a bundle that unpacks to at most 0 MB",
    );
  });

  it("refuses files in several folders, names that differ only in case, damaged zips and non-UTF-8 text", async () => {
    expect(await refusal(readBundle(await buildZip({ "a/users.csv": "x", "b/orgs.csv": "y" })))).toMatch(/inside a single folder/);
    expect(await refusal(readBundle(await buildZip({ "users.csv": "x", "Users.csv": "y" })))).toMatch(
      /differ only in upper and lower case/,
    );
    expect(await refusal(readBundle(Buffer.from("not a zip at all")))).toMatch(/could not be opened/);
    const latin1 = Buffer.concat([Buffer.from("sourcedId,givenName\r\nU1,Jos"), Buffer.from([0xe9]), Buffer.from("\r\n")]);
    expect(await refusal(readBundle(await buildZip({ "users.csv": latin1 })))).toBe(
      'users.csv line 2: expected UTF-8 text (save the file as "CSV UTF-8")',
    );
    expect(await refusal(readBundle("/no/such/path.zip"))).toMatch(/exists/);
  });
});
