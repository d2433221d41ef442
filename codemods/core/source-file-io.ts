// Reading a source file safely (size, binary, encoding, BOM) and writing it back atomically with its mode kept.
import { createHash } from "node:crypto";
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export const MAX_BYTES = 2 * 1024 * 1024;

export interface LoadedSource {
  path: string;
  text: string;
  bom: boolean;
  hash: string;
}

export type LoadResult = { ok: true; source: LoadedSource } | { ok: false; reason: string };

export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function loadSource(path: string, maxBytes = MAX_BYTES): LoadResult {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > maxBytes) return { ok: false, reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MiB (${size} bytes)` };
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (bytes.includes(0)) return { ok: false, reason: "binary file (contains NUL bytes)" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, reason: "not valid UTF-8" };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, source: { path, text: bom ? text.slice(1) : text, bom, hash: hashBytes(bytes) } };
}

/** Write `text` (plus the BOM if the original had one) to `path` through a temp file and a rename. Refuses when the
 *  file changed on disk since it was read (`expectedHash`). */
export function writeSourceAtomic(path: string, text: string, bom: boolean, expectedHash: string | null): void {
  let mode: number | undefined;
  if (expectedHash !== null) {
    let current: Buffer;
    try {
      current = readFileSync(path);
      mode = statSync(path).mode & 0o7777;
    } catch (error) {
      throw new Error(`it disappeared before it could be written (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
    if (hashBytes(current) !== expectedHash) throw new Error("it changed on disk since crunify read it; run again");
  }
  writeFileAtomic(path, (bom ? "\ufeff" : "") + text, mode);
}

export function writeFileAtomic(path: string, content: string, mode?: number): void {
  const temp = join(dirname(path), `.${basename(path)}.crunify-${process.pid}-${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", mode ?? 0o644);
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never created
    }
    throw error;
  }
}
