import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { s3FileStorage, signV4 } from "./storage-s3.js";

// There is no S3 server here: the signer is checked against AWS's published example, and the
// adapter against a fake fetch that records what it would send.

describe("AWS Signature V4", () => {
  it("matches the GET Object example of the S3 documentation", () => {
    const headers = signV4({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { range: "bytes=0-9" },
      payloadHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      now: new Date("2013-05-24T00:00:00Z"),
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      region: "us-east-1",
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });
});

describe("S3 file storage", () => {
  const settings = {
    bucket: "stoa",
    region: "eu-west-1",
    endpoint: "http://minio.test:9000",
    accessKeyId: "k",
    secretAccessKey: "s",
    forcePathStyle: true,
    partBytes: 5 * 1024 * 1024,
  };

  function fakeFetch() {
    const calls: { method: string; url: string; size: number; signed: boolean }[] = [];
    const impl = (async (input: URL | RequestInfo, init?: RequestInit) => {
      const url = String(input);
      const body = init?.body as Uint8Array | undefined;
      calls.push({
        method: init?.method ?? "GET",
        url,
        size: body?.length ?? 0,
        signed: String((init?.headers as Record<string, string>).authorization).startsWith("AWS4-HMAC-SHA256"),
      });
      if (url.endsWith("?uploads="))
        return new Response("<InitiateMultipartUploadResult><UploadId>up-1</UploadId></InitiateMultipartUploadResult>");
      if ((init?.method ?? "GET") === "GET") return new Response("stored bytes");
      return new Response("", { status: 200, headers: { etag: `"e${calls.length}"` } });
    }) as typeof fetch;
    return { calls, impl };
  }

  it("puts a small file in one signed request, path-style", async () => {
    const { calls, impl } = fakeFetch();
    const stored = await s3FileStorage(settings, impl).put("portfolio/d1", Readable.from([Buffer.from("hello")]), 1000);
    expect(stored.size).toBe(5);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: "PUT", size: 5, signed: true });
    expect(calls[0]?.url).toMatch(/^http:\/\/minio\.test:9000\/stoa\/portfolio\/d1\/[0-9a-f-]{36}$/);
  });

  it("streams a large file as a multipart upload in bounded parts", async () => {
    const { calls, impl } = fakeFetch();
    const mb = Buffer.alloc(1024 * 1024, 1);
    const stored = await s3FileStorage(settings, impl).put("p", Readable.from(Array.from({ length: 12 }, () => mb)), 20 * 1024 * 1024);
    expect(stored.size).toBe(12 * 1024 * 1024);
    expect(calls.map((c) => c.method)).toEqual(["POST", "PUT", "PUT", "PUT", "POST"]);
    expect(calls.slice(1, 4).map((c) => c.size)).toEqual([5 * 1024 * 1024, 5 * 1024 * 1024, 2 * 1024 * 1024]);
  });

  it("refuses past the byte limit and aborts the multipart upload", async () => {
    const { calls, impl } = fakeFetch();
    const mb = Buffer.alloc(1024 * 1024, 1);
    await expect(
      s3FileStorage(settings, impl).put("p", Readable.from(Array.from({ length: 8 }, () => mb)), 6 * 1024 * 1024),
    ).rejects.toThrow(/larger than the limit/);
    expect(calls.at(-1)?.method).toBe("DELETE");
  });

  it("reads an object back as a stream", async () => {
    const { impl } = fakeFetch();
    const stream = await s3FileStorage(settings, impl).get("p/x");
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    expect(Buffer.concat(chunks).toString()).toBe("stored bytes");
  });
});
