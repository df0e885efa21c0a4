import { deflateSync } from "node:zlib";
import type { Browser, Page } from "@playwright/test";
import { expect, login } from "./fixtures";

// Helpers for the portfolio browser tests: a real PNG to upload, Mantine selects, and one signed-in
// browser context per person so a test can walk several people through the same shared page.

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small, valid RGB PNG (a colour gradient), so the server's type check and re-encoding have real work to do. */
export function pngImage(width = 48, height = 32): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = Math.round((x / width) * 255);
      row[2 + x * 3] = Math.round((y / height) * 255);
      row[3 + x * 3] = 160;
    }
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** Picks an option of a Mantine Select (or MultiSelect) by its label. */
export async function choose(page: Page, label: string | RegExp, option: string | RegExp): Promise<void> {
  await page
    .getByLabel(label, { exact: typeof label === "string" })
    .first()
    .click();
  await page.getByRole("option", { name: option }).first().click();
}

/** Types into a rich-text editor (Tiptap) found by its label. */
export async function typeRichText(page: Page, label: string | RegExp, text: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: label });
  await editor.click();
  await editor.pressSequentially(text);
}

/** A fresh browser context signed in as one person, with their page; call close() when done. */
export async function signedIn(browser: Browser, username: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await login(page, username);
  return {
    page,
    close: async () => {
      await context.close();
      expect(errors, `uncaught errors in ${username}'s page`).toEqual([]);
    },
  };
}

/** A fresh anonymous browser context (no sign-in), for secret links. */
export async function anonymous(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, close: () => context.close() };
}
