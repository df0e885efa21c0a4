import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import sharp from "sharp";
import yazl from "yazl";
import { describe, expect, it } from "vitest";
import { detectFromHead, isUtf8Text, officeTypeFromEntries, uploadedFileName, fileTypes } from "./file-types.js";
import { storeUpload } from "./uploads.js";
import { localFileStorage } from "./storage.js";
import { AppError } from "./errors.js";

const storage = localFileStorage(mkdtempSync(join(tmpdir(), "stoa-upload-test-")));
const roomy = { maxBytes: 5 * 1024 * 1024, prefix: "test", checkSpace: () => Promise.resolve() };

async function streamToBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A JPEG carrying EXIF with a GPS position and a camera make, as a phone would write it. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "PhoneMaker", Model: "SecretCam" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
    })
    .toBuffer();
}

async function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  return streamToBuffer(zip.outputStream as Readable);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("file type detection from content", () => {
  it("recognises each allowed type by its magic bytes", () => {
    const cases: [number[] | string, string, string][] = [
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a.bin", "image/png"],
      [[0xff, 0xd8, 0xff, 0xe0], "a", "image/jpeg"],
      ["GIF89a....", "a", "image/gif"],
      ["RIFF\0\0\0\0WEBPVP8 ", "a", "image/webp"],
      ["RIFF\0\0\0\0WAVEfmt ", "a", "audio/wav"],
      ["%PDF-1.7\n", "a", "application/pdf"],
      ["OggS\0\x02", "a", "audio/ogg"],
      ["ID3\x04\0", "a", "audio/mpeg"],
      [[0xff, 0xfb, 0x90, 0x00], "a", "audio/mpeg"],
      ["\0\0\0\x20ftypM4A \0\0\0\0", "a", "audio/mp4"],
      ["\0\0\0\x20ftypisom\0\0\0\0", "a", "video/mp4"],
      [[0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x84, ...Buffer.from("webm")], "a", "video/webm"],
      ["hello, this is my story\n", "story.txt", "text/plain; charset=utf-8"],
    ];
    for (const [bytes, name, mediaType] of cases) {
      const head = typeof bytes === "string" ? Buffer.from(bytes, "latin1") : Buffer.from(bytes);
      const verdict = detectFromHead(head, name);
      expect("type" in verdict && verdict.type.mediaType, `${name} ${mediaType}`).toBe(mediaType);
    }
  });

  it("refuses HTML, SVG, scripts and unknown binaries whatever their name", () => {
    for (const [text, name] of [
      ["<!DOCTYPE html><script>alert(1)</script>", "photo.png"],
      ["<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "drawing.svg"],
      ["<html><body>hi</body></html>", "notes.txt"],
      ["MZ\x90\0\x03", "game.exe"],
      ["plain words", "notes.html"],
      ["\0\0\0\x20ftypqt  ", "movie.mov"],
    ]) {
      expect("refused" in detectFromHead(Buffer.from(text as string, "latin1"), name as string), name).toBe(true);
    }
  });

  it("accepts UTF-8 text cut in the middle of a character and refuses control bytes", () => {
    const word = Buffer.from("café", "utf8");
    expect(isUtf8Text(word.subarray(0, word.length - 1))).toBe(true);
    expect(isUtf8Text(Buffer.from([0x68, 0x00, 0x69]))).toBe(false);
    expect(isUtf8Text(Buffer.from([0xc0, 0x80]))).toBe(false);
  });

  it("tells Office documents apart by their parts and refuses macro-enabled ones", () => {
    expect(officeTypeFromEntries(["[Content_Types].xml", "word/document.xml"])).toBe(fileTypes.docx);
    expect(officeTypeFromEntries(["[Content_Types].xml", "xl/workbook.xml"])).toBe(fileTypes.xlsx);
    expect(officeTypeFromEntries(["[Content_Types].xml", "ppt/presentation.xml"])).toBe(fileTypes.pptx);
    expect(officeTypeFromEntries(["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"])).toBeNull();
    expect(officeTypeFromEntries(["index.html"])).toBeNull();
  });

  it("names the stored file after the detected type", () => {
    expect(uploadedFileName("C:\\fakepath\\holiday.png", fileTypes.jpeg)).toBe("holiday.jpg");
    expect(uploadedFileName('bad"name\u0007.docx', fileTypes.docx)).toBe("bad_name_.docx");
    expect(uploadedFileName("", fileTypes.pdf)).toBe("file.pdf");
  });
});

describe("storing an upload", () => {
  it("re-encodes a JPEG so that its EXIF and GPS position are gone", async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes(Buffer.from("SecretCam"))).toBe(true);

    const stored = await storeUpload(storage, Readable.from(original), "beach.jpg", roomy);
    expect(stored).toMatchObject({ mediaType: "image/jpeg", inline: true, width: 64, height: 48, fileName: "beach.jpg" });
    const saved = await streamToBuffer(await storage.get(stored.key));
    const meta = await sharp(saved).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.format).toBe("jpeg");
    expect(saved.includes(Buffer.from("SecretCam"))).toBe(false);
    expect(saved.includes(Buffer.from("Exif"))).toBe(false);
  });

  it("strips text chunks from a PNG", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: "#00ff00" } })
      .png()
      .withMetadata({ exif: { IFD0: { Copyright: "HomeAddress 12" } } })
      .toBuffer();
    expect(png.includes(Buffer.from("HomeAddress"))).toBe(true);
    const stored = await storeUpload(storage, Readable.from(png), "x.png", roomy);
    const saved = await streamToBuffer(await storage.get(stored.key));
    expect(saved.includes(Buffer.from("HomeAddress"))).toBe(false);
  });

  it("refuses an HTML page disguised as a PNG with a 415, storing nothing", async () => {
    let checked = false;
    const error = await refusal(
      storeUpload(storage, Readable.from(Buffer.from("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>")), "cat.png", {
        ...roomy,
        checkSpace: () => {
          checked = true;
          return Promise.resolve();
        },
      }),
    );
    expect(error.statusCode).toBe(415);
    expect(checked).toBe(false);
  });

  it("refuses a file past the size limit with a 413 while streaming", async () => {
    const big = Buffer.alloc(300 * 1024, 0x61);
    const error = await refusal(storeUpload(storage, Readable.from([big, big, big, big]), "long.txt", { ...roomy, maxBytes: 1024 * 1024 }));
    expect(error.statusCode).toBe(413);
    expect(error.message).toMatch(/limit of 1 MB/);
  });

  it("passes the final size to the space check and stops when it refuses", async () => {
    const sizes: number[] = [];
    const error = await refusal(
      storeUpload(storage, Readable.from(Buffer.from("my notes\n")), "notes.txt", {
        ...roomy,
        checkSpace: (bytes) => {
          sizes.push(bytes);
          return Promise.reject(new AppError(413, "quota_exceeded", "full"));
        },
      }),
    );
    expect(error.code).toBe("quota_exceeded");
    expect(sizes).toEqual([9]);
  });

  it("accepts a real .docx and refuses a zip of web pages", async () => {
    const docx = await zipOf({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" });
    const stored = await storeUpload(storage, Readable.from(docx), "essay.docx", roomy);
    expect(stored).toMatchObject({ mediaType: fileTypes.docx.mediaType, inline: false, fileName: "essay.docx" });
    const site = await zipOf({ "index.html": "<script>alert(1)</script>" });
    expect((await refusal(storeUpload(storage, Readable.from(site), "essay.docx", roomy))).statusCode).toBe(415);
  });

  it("refuses a damaged image with a clear message", async () => {
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);
    const error = await refusal(storeUpload(storage, Readable.from(broken), "x.png", roomy));
    expect(error.statusCode).toBe(415);
    expect(error.message).toMatch(/could not be read/);
  });
});
