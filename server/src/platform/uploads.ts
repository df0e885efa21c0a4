import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sharp } from "sharp";
import yauzl from "yauzl";
import { AppError } from "./errors.js";
import { detectFromHead, officeTypeFromEntries, uploadedFileName, type FileType } from "./file-types.js";
import type { FileStorage } from "./storage.js";

// An upload is streamed to a private temporary file first (bounded memory, size limit enforced
// while streaming), its type is decided from its bytes, images are decoded and re-encoded (which
// drops EXIF, GPS and every other metadata), and only then is it streamed into storage.

/** What a stored upload is. `inline` says it may be shown in the page rather than downloaded. */
export interface StoredUpload {
  key: string;
  size: number;
  fileName: string;
  mediaType: string;
  inline: boolean;
  width: number | null;
  height: number | null;
}

export interface UploadOptions {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Called with the final size before anything is stored; throws to refuse (e.g. over quota). */
  checkSpace: (bytes: number) => Promise<void>;
  /** Where in storage (e.g. `portfolio/<districtId>/<userId>`). */
  prefix: string;
}

/** 413 with a message a student understands. */
export const fileTooLarge = (maxBytes: number) =>
  new AppError(
    413,
    "file_too_large",
    `The file is larger than the limit of ${formatMegabytes(maxBytes)}. Make it smaller or choose another file.`,
  );
/** 415: the content is not a type we accept, whatever its name says. */
export const typeNotAllowed = (message: string) => new AppError(415, "file_type_not_allowed", message);

const formatMegabytes = (bytes: number) => `${Math.max(1, Math.floor(bytes / (1024 * 1024)))} MB`;
const maxImagePixels = 40_000_000;

// Decoding holds whole images in memory: at most two at a time per process, so the peak does not
// grow with the number of uploads in flight (the rest wait, still streamed to disk).
const reencodeSlots = { free: 2, waiting: [] as (() => void)[] };
async function withReencodeSlot<T>(work: () => Promise<T>): Promise<T> {
  if (reencodeSlots.free > 0) reencodeSlots.free -= 1;
  else await new Promise<void>((resolve) => reencodeSlots.waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = reencodeSlots.waiting.shift();
    if (next) next();
    else reencodeSlots.free += 1;
  }
}

/** Checks, cleans and stores one uploaded file; every refusal is a 4xx and leaves nothing behind. */
export async function storeUpload(
  storage: FileStorage,
  body: Readable,
  uploadedName: string,
  options: UploadOptions,
): Promise<StoredUpload> {
  const dir = await mkdtemp(join(tmpdir(), "stoa-upload-"));
  try {
    const raw = join(dir, "raw");
    await pipeline(body, byteLimit(options.maxBytes), createWriteStream(raw, { flags: "wx", mode: 0o600 }));
    const type = await detectType(raw, uploadedName);
    const ready =
      type.category === "image"
        ? await withReencodeSlot(() => reencodeImage(raw, join(dir, "clean"), type))
        : { path: raw, ...(await sizeOf(raw)) };
    if (ready.size > options.maxBytes) throw fileTooLarge(options.maxBytes);
    await options.checkSpace(ready.size);
    const stored = await storage.put(options.prefix, createReadStream(ready.path), options.maxBytes);
    return {
      key: stored.key,
      size: stored.size,
      fileName: uploadedFileName(uploadedName, type),
      mediaType: type.mediaType,
      inline: type.category !== "document" && type.category !== "text",
      width: ready.width,
      height: ready.height,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Stops a stream past `maxBytes` with a 413 instead of filling the disk. */
function byteLimit(maxBytes: number): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) callback(fileTooLarge(maxBytes));
      else callback(null, chunk);
    },
  });
}

async function readHead(path: string, length = 4096): Promise<{ head: Buffer; size: number }> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(length, size));
    await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer, size };
  } finally {
    await handle.close();
  }
}

async function sizeOf(path: string) {
  return { size: (await readHead(path, 0)).size, width: null, height: null };
}

/** The accepted type of a file from its content; 415 otherwise. */
export async function detectType(path: string, uploadedName: string): Promise<FileType> {
  const { head, size } = await readHead(path);
  if (size === 0) throw typeNotAllowed("The file is empty.");
  const verdict = detectFromHead(head, uploadedName);
  if ("refused" in verdict) throw typeNotAllowed(verdict.refused);
  if ("type" in verdict) return verdict.type;
  const type = officeTypeFromEntries(await zipEntryNames(path));
  if (!type)
    throw typeNotAllowed(
      "Only Word (.docx), Excel (.xlsx), PowerPoint (.pptx) and OpenDocument text (.odt) files are accepted among zipped documents.",
    );
  return type;
}

/** Entry names from the zip's central directory only (nothing is decompressed). */
async function zipEntryNames(path: string, maxEntries = 10_000): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false });
  } catch {
    throw typeNotAllowed("This document could not be opened: it is damaged.");
  }
  try {
    if (zip.entryCount > maxEntries) throw typeNotAllowed("This document has too many parts to be a normal office document.");
    return await new Promise<string[]>((resolve, reject) => {
      const names: string[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on("end", () => resolve(names));
      zip.on("error", () => reject(typeNotAllowed("This document could not be opened: it is damaged.")));
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/**
 * Decodes and re-encodes an image in its own format. sharp writes no metadata unless asked, so
 * EXIF (with GPS), XMP, IPTC and comments are gone; orientation is applied to the pixels first.
 */
async function reencodeImage(input: string, output: string, type: FileType) {
  // Loaded on the first image: libvips costs tens of MB of memory that most processes never need.
  const { default: sharp } = await import("sharp");
  // Each image is decoded once and never again: libvips' operation cache (50 MB by default) would
  // only hold memory, so it is off.
  sharp.cache(false);
  const animated = type.mediaType === "image/gif" || type.mediaType === "image/webp";
  try {
    let image = sharp(input, { limitInputPixels: maxImagePixels, animated, failOn: "error" });
    if (!animated) image = image.rotate();
    const info = await formatted(image, type).toFile(output);
    const pageHeight = (info as { pageHeight?: number }).pageHeight;
    return { path: output, size: info.size, width: info.width, height: pageHeight ?? info.height };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw typeNotAllowed("This image could not be read: it is damaged or too large (at most 40 million pixels).");
  }
}

function formatted(image: Sharp, type: FileType): Sharp {
  switch (type.mediaType) {
    case "image/png":
      return image.png();
    case "image/jpeg":
      return image.jpeg({ quality: 90 });
    case "image/gif":
      return image.gif();
    default:
      return image.webp({ quality: 90 });
  }
}
