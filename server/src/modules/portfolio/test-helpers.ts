import sharp from "sharp";
import type { DbOrTx } from "../../db/client.js";
import { portfolioArtifacts, portfolioPageArtifacts, portfolioPages, portfolioShares } from "../../db/schema/index.js";

// Factories for portfolio tests (P1). Pages built here also fill the page-artifact index, as the
// service does, so the visibility scope sees their artifacts.

type Owner = { id: string; districtId: string };

/** Inserts a text artifact owned by `owner`. */
export async function insertArtifact(db: DbOrTx, owner: Owner, values: Partial<typeof portfolioArtifacts.$inferInsert> = {}) {
  const [row] = await db
    .insert(portfolioArtifacts)
    .values({ districtId: owner.districtId, ownerId: owner.id, kind: "text", title: "Evidence", body: "<p>Work</p>", ...values })
    .returning();
  if (!row) throw new Error("artifact insert failed");
  return row;
}

/** Inserts a page placing these artifacts (one block each), with its page-artifact index rows. */
export async function insertPage(
  db: DbOrTx,
  owner: Owner,
  artifactIds: string[] = [],
  values: Partial<typeof portfolioPages.$inferInsert> = {},
) {
  const blocks = artifactIds.map((artifactId, i) => ({ id: `a${i}`, type: "artifact", artifactId, showReflections: true }));
  const [row] = await db
    .insert(portfolioPages)
    .values({
      districtId: owner.districtId,
      ownerId: owner.id,
      title: "Page",
      layout: { sections: [{ id: "s1", columns: [{ id: "c1", blocks }] }] },
      ...values,
    })
    .returning();
  if (!row) throw new Error("page insert failed");
  if (artifactIds.length > 0)
    await db
      .insert(portfolioPageArtifacts)
      .values(artifactIds.map((artifactId) => ({ pageId: row.id, artifactId, districtId: owner.districtId })));
  return row;
}

/** Shares a page with a target directly (bypassing the target checks the service makes). */
export async function insertShare(
  db: DbOrTx,
  page: { id: string; ownerId: string; districtId: string },
  targetType: (typeof portfolioShares.$inferInsert)["targetType"],
  targetId: string | null,
) {
  await db.insert(portfolioShares).values({ districtId: page.districtId, ownerId: page.ownerId, pageId: page.id, targetType, targetId });
}

/** A JPEG carrying EXIF with a GPS position and a camera name, as a phone writes it. */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "SecretCam" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
    })
    .toBuffer();
}

/** A multipart/form-data body with one file field named `file`. */
export function multipart(fileName: string, content: Buffer, contentType = "application/octet-stream") {
  const boundary = `----stoa${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
