import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import yauzl from "yauzl";

/** How much a bundle may hold. Checked against the zip's directory before any content is read. */
export interface BundleLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxFileBytes: number;
}

/** Generous for a 50,000-student district (its users.csv is ~10 MB), small enough to refuse zip bombs. */
export const defaultBundleLimits: BundleLimits = { maxEntries: 50, maxTotalBytes: 200 * 1024 * 1024, maxFileBytes: 100 * 1024 * 1024 };

/** A bundle that cannot be read at all: `expected` says what a readable one looks like. */
export class BundleError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly expected: string,
  ) {
    super(`${file}${line === null ? "" : ` line ${line}`}: expected ${expected}`);
    this.name = "BundleError";
  }
}

/**
 * Reads a OneRoster bundle (a zip given as a Buffer or a path, or a folder) into file name -> text.
 * Only .csv files are returned; use `findFile` to look one up, because names vary in case.
 */
export async function readBundle(source: Buffer | string, limits: BundleLimits = defaultBundleLimits): Promise<Map<string, string>> {
  if (typeof source !== "string") return readZip(await openZip(() => yauzl.fromBufferPromise(source, zipOptions)), limits);
  const info = await stat(source).catch(() => null);
  if (!info) throw new BundleError(source, null, "a zip file or a folder that exists");
  if (info.isDirectory()) return readFolder(source, limits);
  if (info.size === 0) throw new BundleError(source, null, "a zip file (this one is empty)");
  return readZip(await openZip(() => yauzl.openPromise(source, zipOptions)), limits);
}

/** The text of a bundle file, matched case-insensitively (real bundles carry `userprofiles.csv`). */
export function findFile(bundle: Map<string, string>, name: string): { name: string; text: string } | null {
  const wanted = name.toLowerCase();
  for (const [fileName, text] of bundle) if (fileName.toLowerCase() === wanted) return { name: fileName, text };
  return null;
}

// Names are decoded and checked by us, so a hostile name becomes a clear refusal, not a crash.
const zipOptions: yauzl.Options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false };

async function openZip(open: () => Promise<yauzl.ZipFile>): Promise<yauzl.ZipFile> {
  try {
    return await open();
  } catch {
    throw new BundleError("bundle", null, "a zip file (this one could not be opened: it is damaged or not a zip)");
  }
}

interface ZipItem {
  entry: yauzl.Entry;
  path: string;
}

async function readZip(zip: yauzl.ZipFile, limits: BundleLimits): Promise<Map<string, string>> {
  try {
    // The count comes from the end-of-central-directory record: refuse before walking the entries.
    if (zip.entryCount > limits.maxEntries)
      throw new BundleError("bundle", null, `at most ${limits.maxEntries} files in the zip (it has ${zip.entryCount})`);
    const items = checkEntries(await listEntries(zip), limits);
    const files = new Map<string, string>();
    for (const { name, item } of stripTopFolder(items)) {
      if (!name.toLowerCase().endsWith(".csv")) continue;
      addFile(files, name, await readEntry(zip, item.entry, limits));
    }
    return files;
  } finally {
    zip.close();
  }
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", () => reject(new BundleError("bundle", null, "a zip file (this one is damaged)")));
    zip.readEntry();
  });
}

/** Every safety check that needs only the zip's directory: names, encryption, sizes. */
function checkEntries(entries: yauzl.Entry[], limits: BundleLimits): ZipItem[] {
  const items: ZipItem[] = [];
  let total = 0;
  for (const entry of entries) {
    const path = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
    if (isUnsafePath(path))
      throw new BundleError("bundle", null, `file names inside the zip without absolute paths or '..' (found '${path}')`);
    if (path.endsWith("/") || isJunk(path)) continue;
    if (entry.isEncrypted()) throw new BundleError(path, null, "an unencrypted file (remove the zip password)");
    if (entry.uncompressedSize > limits.maxFileBytes)
      throw new BundleError(
        path,
        null,
        `a file of at most ${megabytes(limits.maxFileBytes)} (it unpacks to ${megabytes(entry.uncompressedSize)})`,
      );
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes)
      throw new BundleError("bundle", null, `a bundle that unpacks to at most ${megabytes(limits.maxTotalBytes)}`);
    items.push({ entry, path });
  }
  return items;
}

function isUnsafePath(path: string): boolean {
  return path.startsWith("/") || /^[a-zA-Z]:/.test(path) || path.split("/").includes("..") || path.includes("\0");
}

/** Folders and files that zip tools add on their own (macOS resource forks, Finder state). */
function isJunk(path: string): boolean {
  const base = path.split("/").pop() ?? "";
  return path.startsWith("__MACOSX/") || base === ".DS_Store" || base.startsWith("._");
}

/** Files may sit at the top of the zip or inside one folder (what "compress folder" produces). */
function stripTopFolder(items: ZipItem[]): { name: string; item: ZipItem }[] {
  const parts = items.map((item) => item.path.split("/"));
  if (parts.every((p) => p.length === 1)) return items.map((item) => ({ name: item.path, item }));
  const top = parts[0]?.[0];
  if (parts.every((p) => p.length === 2 && p[0] === top)) return items.map((item, i) => ({ name: parts[i]?.[1] ?? item.path, item }));
  throw new BundleError("bundle", null, "the CSV files at the top of the zip or inside a single folder, not in several folders");
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limits: BundleLimits): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      // validateEntrySizes already stops a lying header; this is a second fence.
      if (size > limits.maxFileBytes) throw new BundleError("bundle", null, `a file of at most ${megabytes(limits.maxFileBytes)}`);
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw new BundleError("bundle", null, "a zip file (an entry could not be unpacked: it is damaged)");
  }
  return Buffer.concat(chunks);
}

async function readFolder(folder: string, limits: BundleLimits): Promise<Map<string, string>> {
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((d) => d.isFile() && d.name.toLowerCase().endsWith(".csv"))
    .map((d) => d.name);
  if (names.length > limits.maxEntries)
    throw new BundleError(folder, null, `at most ${limits.maxEntries} CSV files (found ${names.length})`);
  let total = 0;
  for (const name of names) {
    const { size } = await stat(join(folder, name));
    if (size > limits.maxFileBytes) throw new BundleError(name, null, `a file of at most ${megabytes(limits.maxFileBytes)}`);
    total += size;
  }
  if (total > limits.maxTotalBytes) throw new BundleError(folder, null, `a bundle of at most ${megabytes(limits.maxTotalBytes)}`);
  const files = new Map<string, string>();
  for (const name of names) addFile(files, name, await readFile(join(folder, name)));
  return files;
}

function addFile(files: Map<string, string>, name: string, bytes: Buffer): void {
  if (findFile(files, name)) throw new BundleError(name, null, "one file of each name (two differ only in upper and lower case)");
  files.set(name, decodeUtf8(name, bytes));
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** OneRoster files are UTF-8; a Windows-1252 "CSV" from a spreadsheet would silently garble names. */
function decodeUtf8(name: string, bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const loose = new TextDecoder("utf-8").decode(bytes);
    const bad = loose.indexOf("\uFFFD");
    const line = loose.slice(0, Math.max(bad, 0)).split("\n").length;
    throw new BundleError(name, line, 'UTF-8 text (save the file as "CSV UTF-8")');
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
