import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import yazl from "yazl";

/**
 * The sample bundles of ../shared/data/oneroster: beside the repo, never copied into it
 * (STOA_SHARED_DIR points elsewhere when the checkout has no ../shared).
 */
export const sampleBundles = process.env.STOA_SHARED_DIR
  ? join(process.env.STOA_SHARED_DIR, "data", "oneroster")
  : fileURLToPath(new URL("../../shared/data/oneroster/", import.meta.url));

/** A file to upload, as Playwright's setInputFiles takes it. */
export interface Upload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Zips files (name -> content) into a bundle built in memory. */
export function zip(name: string, files: Record<string, string | Buffer>): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const archive = new yazl.ZipFile();
    for (const [file, content] of Object.entries(files)) {
      archive.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"), file, { mtime: new Date(2026, 0, 1) });
    }
    archive.end();
    const chunks: Buffer[] = [];
    archive.outputStream.on("data", (c: Buffer) => chunks.push(c));
    archive.outputStream.on("error", reject);
    archive.outputStream.on("end", () => resolve({ name, mimeType: "application/zip", buffer: Buffer.concat(chunks) }));
  });
}

/** The CSV files of one sample folder, by file name. */
export function readSample(folder: string): Record<string, string> {
  const dir = join(sampleBundles, folder);
  if (!existsSync(dir)) {
    throw new Error(
      `The OneRoster sample ${folder} is not at ${dir}: put the shared folder beside the repo as ../shared, or set STOA_SHARED_DIR`,
    );
  }
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith(".csv"))
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );
}

/** A sample folder as a zip, optionally with some files replaced or removed (null). */
export function zipSample(folder: string, changes: Record<string, string | null> = {}): Promise<Upload> {
  const files: Record<string, string> = readSample(folder);
  for (const [file, content] of Object.entries(changes)) {
    if (content === null) delete files[file];
    else files[file] = content;
  }
  return zip(`${folder}.zip`, files);
}
