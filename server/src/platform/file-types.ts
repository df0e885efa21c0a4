import { safeFileName } from "./downloads.js";
// File types accepted for upload, recognised from their first bytes (never from the name or the
// client's claimed type). Pure: no I/O. Zip-based office documents are recognised in two steps:
// the head says "zip", then the caller lists the archive's entry names (see `officeTypeFromEntries`).

/** A type Stoa accepts, with how it may be served. */
export interface FileType {
  mediaType: string;
  extension: string;
  /** Raster images are decoded and re-encoded (metadata stripped) before they are stored. */
  category: "image" | "audio" | "video" | "document" | "text";
}

const image = (mediaType: string, extension: string): FileType => ({ mediaType, extension, category: "image" });
const audio = (mediaType: string, extension: string): FileType => ({ mediaType, extension, category: "audio" });
const video = (mediaType: string, extension: string): FileType => ({ mediaType, extension, category: "video" });
const documentType = (mediaType: string, extension: string): FileType => ({ mediaType, extension, category: "document" });

export const fileTypes = {
  png: image("image/png", "png"),
  jpeg: image("image/jpeg", "jpg"),
  gif: image("image/gif", "gif"),
  webp: image("image/webp", "webp"),
  pdf: documentType("application/pdf", "pdf"),
  mp3: audio("audio/mpeg", "mp3"),
  ogg: audio("audio/ogg", "ogg"),
  wav: audio("audio/wav", "wav"),
  m4a: audio("audio/mp4", "m4a"),
  mp4: video("video/mp4", "mp4"),
  webm: video("video/webm", "webm"),
  docx: documentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
  xlsx: documentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
  pptx: documentType("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
  odt: documentType("application/vnd.oasis.opendocument.text", "odt"),
  text: { mediaType: "text/plain; charset=utf-8", extension: "txt", category: "text" } as FileType,
} as const;

/** What the head of a file says it is: a type, "zip" (look inside), or null (refused). */
export type HeadVerdict = { type: FileType } | { zip: true } | { refused: string };

const startsWith = (head: Buffer, bytes: number[], at = 0) => head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, text: string, at = 0) =>
  head.length >= at + text.length && head.toString("latin1", at, at + text.length) === text;

const audioBrands = new Set(["M4A ", "M4B ", "M4P "]);
const videoBrands = new Set(["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "dash", "MSNV", "M4V "]);
// Markup that a browser would run if it ever sniffed the file as HTML or SVG.
const markup = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|style|\?xml)\b/i;

/** Recognises an allowed type from the first bytes (at least 4 KB when the file is that long). */
export function detectFromHead(head: Buffer, fileName: string): HeadVerdict {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { type: fileTypes.png };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { type: fileTypes.jpeg };
  if (ascii(head, "GIF87a") || ascii(head, "GIF89a")) return { type: fileTypes.gif };
  if (ascii(head, "RIFF") && ascii(head, "WEBP", 8)) return { type: fileTypes.webp };
  if (ascii(head, "RIFF") && ascii(head, "WAVE", 8)) return { type: fileTypes.wav };
  if (ascii(head, "%PDF-")) return { type: fileTypes.pdf };
  if (ascii(head, "OggS")) return { type: fileTypes.ogg };
  if (ascii(head, "ID3") || isMpegAudioFrame(head)) return { type: fileTypes.mp3 };
  if (ascii(head, "ftyp", 4)) {
    const brand = head.toString("latin1", 8, 12);
    if (audioBrands.has(brand)) return { type: fileTypes.m4a };
    if (videoBrands.has(brand)) return { type: fileTypes.mp4 };
    return { refused: "This video or audio format is not accepted. Use MP4, WebM, MP3, M4A, OGG or WAV." };
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    // Matroska and WebM share the EBML header; the DocType element names which.
    if (head.subarray(0, 64).includes(Buffer.from("webm"))) return { type: fileTypes.webm };
    return { refused: "This video format is not accepted. Use MP4 or WebM." };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    // ODF puts an uncompressed "mimetype" entry first, so the head says which document it is.
    if (ascii(head, "mimetype", 30)) {
      return ascii(head, "application/vnd.oasis.opendocument.text", 38)
        ? { type: fileTypes.odt }
        : { refused: "Only OpenDocument text files (.odt) are accepted from OpenDocument." };
    }
    return { zip: true };
  }
  return detectText(head, fileName);
}

/** An MPEG audio frame header without ID3 tag: 11 sync bits, MPEG version not reserved, layer III. */
function isMpegAudioFrame(head: Buffer): boolean {
  if (head.length < 4 || head[0] !== 0xff) return false;
  const second = head[1] ?? 0;
  const synced = (second & 0xe0) === 0xe0;
  const version = (second >> 3) & 0x03;
  const layer = (second >> 1) & 0x03;
  return synced && version !== 0x01 && layer === 0x01;
}

/** Plain text only for .txt files: valid UTF-8, no control bytes, nothing a browser would treat as markup. */
function detectText(head: Buffer, fileName: string): HeadVerdict {
  const refused = {
    refused:
      "This kind of file is not accepted. Upload an image, PDF, audio, video, Word, Excel, PowerPoint, OpenDocument text or .txt file.",
  };
  if (!/\.txt$/i.test(fileName)) return refused;
  if (!isUtf8Text(head)) return refused;
  if (markup.test(head.toString("utf8"))) return { refused: "Text files that contain web page code are not accepted." };
  return { type: fileTypes.text };
}

/** True when the bytes are UTF-8 text (a sequence cut at the end of the head is allowed) without NUL or other control bytes. */
export function isUtf8Text(bytes: Buffer): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
      i += 1;
      continue;
    }
    const length = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    if (length === 0 || b > 0xf4) return false;
    for (let k = 1; k < length; k += 1) {
      if (i + k >= bytes.length) return true;
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    }
    i += length;
  }
  return true;
}

/** Which Office Open XML document a zip is, from its entry names; null when it is some other zip. */
export function officeTypeFromEntries(entries: readonly string[]): FileType | null {
  const names = new Set(entries);
  if (!names.has("[Content_Types].xml")) return null;
  // A macro-enabled document carries vbaProject.bin: refused even when named .docx.
  if (entries.some((name) => /vbaProject\.bin$/i.test(name))) return null;
  if (names.has("word/document.xml")) return fileTypes.docx;
  if (names.has("xl/workbook.xml")) return fileTypes.xlsx;
  if (names.has("ppt/presentation.xml")) return fileTypes.pptx;
  return null;
}

/** The name an upload is stored under: its cleaned base name with the extension of the type its content has. */
export function uploadedFileName(uploaded: string, type: FileType): string {
  return `${safeFileName(uploaded.replace(/\.[^./\\]*$/, "")).slice(0, 120)}.${type.extension}`;
}
