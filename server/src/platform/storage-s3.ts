import { createHash, createHmac, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { limitBytes, type FileStorage } from "./storage.js";

// An S3-compatible bucket behind the FileStorage interface, with a small AWS Signature V4 client
// (no SDK: four requests are all we need). Uploads stream through in parts of `partBytes`, so
// memory stays bounded whatever the file size; a file that fits one part is a single PUT.

/** Where the bucket is and how to sign for it. */
export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, Ceph, R2 ...); AWS S3 when absent. */
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** endpoint/bucket/key rather than bucket.endpoint/key (most S3-compatible servers need it). */
  forcePathStyle: boolean;
  /** Size of each uploaded part (S3 needs at least 5 MB except the last). */
  partBytes?: number;
}

type Fetch = typeof fetch;
const emptyHash = createHash("sha256").update("").digest("hex");
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
// RFC 3986 encoding as SigV4 wants it: everything but unreserved characters.
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** What a request needs signed. */
export interface SignInput {
  method: string;
  url: URL;
  headers: Record<string, string>;
  payloadHash: string;
  now: Date;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service?: string;
}

/** Signs a request with AWS Signature Version 4; returns the headers to send (with Authorization). */
export function signV4(input: SignInput): Record<string, string> {
  const service = input.service ?? "s3";
  const amzDate = input.now.toISOString().replace(/[:-]|\.\d{3}/g, "");
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...input.headers,
    host: input.url.host,
    "x-amz-date": amzDate,
    "x-amz-content-sha256": input.payloadHash,
  };
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, " ")]));
  const canonicalHeaders = names.map((n) => `${n}:${lower[n]}\n`).join("");
  const signedHeaders = names.join(";");
  const path = input.url.pathname
    .split("/")
    .map((segment) => encode(decodeURIComponent(segment)))
    .join("/");
  const query = [...input.url.searchParams.entries()]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalRequest = [input.method, path, query, canonicalHeaders, signedHeaders, input.payloadHash].join("\n");
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), service), "aws4_request");
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/** An S3-compatible FileStorage. `fetchImpl` is for tests. */
export function s3FileStorage(settings: S3Settings, fetchImpl: Fetch = fetch): FileStorage {
  const partBytes = Math.max(settings.partBytes ?? 8 * 1024 * 1024, 5 * 1024 * 1024);
  const base = new URL(settings.endpoint ?? `https://s3.${settings.region}.amazonaws.com`);
  const urlOf = (key: string, query = "") => {
    const path = key.split("/").map(encode).join("/");
    const url = settings.forcePathStyle
      ? new URL(`${base.origin}/${settings.bucket}/${path}`)
      : new URL(`${base.protocol}//${settings.bucket}.${base.host}/${path}`);
    url.search = query;
    return url;
  };

  async function send(method: string, url: URL, body?: Buffer, extra: Record<string, string> = {}) {
    const headers = signV4({
      method,
      url,
      headers: extra,
      payloadHash: body ? sha256(body) : emptyHash,
      now: new Date(),
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      region: settings.region,
    });
    delete headers.host;
    const res = await fetchImpl(url, { method, headers, ...(body ? { body: new Uint8Array(body) } : {}) });
    if (!res.ok && !(method === "DELETE" && res.status === 404)) throw new Error(`S3 ${method} ${url.pathname} answered ${res.status}`);
    return res;
  }

  /** Collects the stream into parts of `partBytes`, calling `onPart` for every full part. */
  async function inParts(body: Readable, onPart: (part: Buffer) => Promise<void>): Promise<Buffer> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of body) {
      pending.push(chunk as Buffer);
      pendingBytes += (chunk as Buffer).length;
      if (pendingBytes >= partBytes) {
        const all = Buffer.concat(pending);
        await onPart(all.subarray(0, partBytes));
        pending = [all.subarray(partBytes)];
        pendingBytes = pending[0]?.length ?? 0;
      }
    }
    return Buffer.concat(pending);
  }

  return {
    async put(prefix, body, maxBytes) {
      const key = `${prefix.replace(/[^a-zA-Z0-9/_-]/g, "_")}/${randomUUID()}`;
      const limited = body.pipe(limitBytes(maxBytes));
      body.on("error", (error) => limited.destroy(error));
      let uploadId: string | null = null;
      const etags: string[] = [];
      let size = 0;
      try {
        const last = await inParts(limited, async (part) => {
          if (!uploadId) {
            const created = await send("POST", urlOf(key, "uploads="));
            uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())?.[1] ?? null;
            if (!uploadId) throw new Error("S3 did not start the upload");
          }
          const res = await send("PUT", urlOf(key, `partNumber=${etags.length + 1}&uploadId=${encode(uploadId)}`), part);
          etags.push(res.headers.get("etag") ?? "");
          size += part.length;
        });
        size += last.length;
        if (!uploadId) {
          await send("PUT", urlOf(key), last, { "content-type": "application/octet-stream" });
          return { key, size };
        }
        if (last.length > 0) {
          const res = await send("PUT", urlOf(key, `partNumber=${etags.length + 1}&uploadId=${encode(uploadId)}`), last);
          etags.push(res.headers.get("etag") ?? "");
        }
        const parts = etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join("");
        await send(
          "POST",
          urlOf(key, `uploadId=${encode(uploadId)}`),
          Buffer.from(`<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`),
        );
        return { key, size };
      } catch (error) {
        if (uploadId) await send("DELETE", urlOf(key, `uploadId=${encode(uploadId)}`)).catch(() => undefined);
        throw error;
      }
    },
    async get(key) {
      const res = await send("GET", urlOf(key));
      if (!res.body) throw new Error("S3 answered without a body");
      return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    },
    async delete(key) {
      await send("DELETE", urlOf(key));
    },
  };
}
