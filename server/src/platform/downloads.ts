/** A file name safe for a Content-Disposition header and a file system: no path, no control or quoting characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // Control characters (code < 32 or 127) and characters that break headers or paths become "_".
  const cleaned = Array.from(base, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 || '"<>:|?*;\\'.includes(ch) ? "_" : ch))
    .join("")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  return cleaned || "file";
}

/**
 * The one Content-Disposition header for every download: the cleaned name, an ASCII fallback for
 * old clients and the UTF-8 name (RFC 6266). Uploaded files are served as attachments unless the
 * caller has decided they are safe to show (re-encoded images, audio, video).
 */
export function contentDisposition(name: string, disposition: "attachment" | "inline" = "attachment"): string {
  const clean = safeFileName(name);
  // RFC 5987 leaves ' ( ) * out of attr-char; encodeURIComponent does not encode them.
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${clean.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encoded}`;
}
