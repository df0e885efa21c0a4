import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { dirname, join, resolve, sep } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { badRequest } from "./errors.js";

/**
 * Where uploaded files live. Modules store and read files only through this interface, so the
 * local filesystem (default) and an S3-compatible bucket (production) are interchangeable.
 * Files are streamed, never buffered whole.
 */
export interface FileStorage {
  /** Streams `body` into a new object under `prefix`; refuses past `maxBytes`. Returns its key and size. */
  put(prefix: string, body: Readable, maxBytes: number): Promise<{ key: string; size: number }>;
  /** A stream of a stored object. */
  get(key: string): Promise<Readable>;
  /** Removes an object; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** Stops a stream past `maxBytes` with a 413-style bad request instead of filling the disk. */
export function limitBytes(maxBytes: number): Transform & { bytes: () => number } {
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) callback(badRequest(`The file is larger than the limit of ${Math.floor(maxBytes / (1024 * 1024))} MB.`));
      else callback(null, chunk);
    },
  });
  return Object.assign(limiter, { bytes: () => bytes });
}

/** Files under a directory (default `STOA_DATA_DIR/files`). Keys are `<prefix>/<uuid>`. */
export function localFileStorage(root: string): FileStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) throw badRequest("That file key is not valid.");
    return path;
  };
  return {
    async put(prefix, body, maxBytes) {
      const key = join(prefix.replace(/[^a-zA-Z0-9/_-]/g, "_"), randomUUID());
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const limiter = limitBytes(maxBytes);
      try {
        await pipeline(body, limiter, createWriteStream(path, { flags: "wx" }));
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
      return { key, size: (await stat(path)).size };
    },
    get(key) {
      return Promise.resolve(createReadStream(pathOf(key)));
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
