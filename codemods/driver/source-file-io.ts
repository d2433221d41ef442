// Reading a source file safely (size, binary, encoding, BOM); writing goes through write-file.ts.
import { closeSync, existsSync, fstatSync, openSync, readSync } from "node:fs";
import { withFileLock } from "./file-lock.js";
import { hashBytes, writeTarget, writeTextFile } from "./write-file.js";

export { hashBytes };

export const MAX_BYTES = 2 * 1024 * 1024;

export interface LoadedSource {
  path: string;
  text: string;
  bom: boolean;
  hash: string;
}

export type LoadResult = { ok: true; source: LoadedSource } | { ok: false; reason: string };

// One decoder for every file: a decode without `stream` starts afresh, and a decoder costs more to make than a small file to decode.
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function loadSource(path: string, maxBytes = MAX_BYTES): LoadResult {
  let bytes: Buffer;
  try {
    const read = readAtMost(path, maxBytes);
    if (typeof read === "number") return { ok: false, reason: `larger than ${Math.round(maxBytes / 1024 / 1024)} MiB (${read} bytes)` };
    bytes = read;
  } catch (error) {
    return { ok: false, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  // Without a NUL byte a file is neither binary nor BOM-less UTF-16: the common case tests nothing more.
  const utf16 = bytes[0] === 0xff || bytes[0] === 0xfe || bytes.includes(0) ? utf16Signature(bytes) : null;
  if (utf16) return { ok: false, reason: `not valid UTF-8: ${utf16} (crunify writes UTF-8 only; the file is left as it is)` };
  if (bytes.includes(0)) return { ok: false, reason: "binary file (contains NUL bytes)" };
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, reason: "not valid UTF-8" };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, source: lazilyHashed(path, bom ? text.slice(1) : text, bom) };
}

/** The file's bytes, or its size when that is over `maxBytes`. One open, fstat and read: a `stat` by path first and
 *  `readFileSync` after it cost a second lookup per file, a tenth of reading a large tree. */
function readAtMost(path: string, maxBytes: number): Buffer | number {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return size;
    const bytes = Buffer.allocUnsafe(size);
    let got = 0;
    for (let n = 1; got < size && n > 0; got += n) n = readSync(fd, bytes, got, size - got, got);
    return got < size ? bytes.subarray(0, got) : bytes;
  } finally {
    closeSync(fd);
  }
}

/** Only a write needs the hash (check and audit never do): computed on first use from the text, which a fatal UTF-8
 *  decode guarantees is the file's bytes exactly. A class, not an object literal with a getter: V8 keeps each such
 *  literal as a dictionary (~0.5 KB apiece, 17 MB of a 40,000-file tree's heap). */
class LazilyHashed implements LoadedSource {
  #hash: string | undefined;
  constructor(
    readonly path: string,
    readonly text: string,
    readonly bom: boolean,
  ) {}
  get hash(): string {
    return (this.#hash ??= hashBytes(Buffer.from((this.bom ? "\ufeff" : "") + this.text, "utf8")));
  }
}

function lazilyHashed(path: string, text: string, bom: boolean): LoadedSource {
  return new LazilyHashed(path, text, bom);
}

/** "UTF-16LE" / "UTF-16BE" for a text that starts with that byte order mark, or whose first bytes alternate with NUL. */
function utf16Signature(bytes: Buffer): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "UTF-16LE";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "UTF-16BE";
  const head = bytes.subarray(0, 64);
  if (head.length < 8) return null;
  const zeros = (parity: number) => {
    let count = 0;
    for (let i = parity; i < head.length; i += 2) if (head[i] === 0) count++;
    return count;
  };
  const half = Math.floor(head.length / 2);
  if (zeros(1) === half && zeros(0) === 0) return "UTF-16LE";
  if (zeros(0) === half && zeros(1) === 0) return "UTF-16BE";
  return null;
}

/** Write `text` (plus the BOM if the original had one) to `path` through the one write path (write-file.ts). Refuses
 *  when the file changed on disk since it was read (`expectedHash`); null: a new file, or one replaced whole. */
export function writeSourceAtomic(path: string, text: string, bom: boolean, expectedHash: string | null): void {
  writeTextFile(path, text, { bom, ...(expectedHash === null ? { create: true } : { expectedHash }) });
}

/** A whole new text for `path` (created when missing), through the one write path. */
export function writeFileAtomic(path: string, content: string): void {
  writeTextFile(path, content, { create: true });
}

export type Rewrite = { status: "written" | "unchanged"; path: string } | { status: "skipped"; path: string; reason: string };

/** Read `path` (UTF-8 only, at most MAX_BYTES, BOM kept), change its text, and write it back through the one write
 *  path under its lock; a symlink is written through to its target inside the tree. With `create`, a missing file
 *  is made from change(""). Refusals of the write path throw; files crunify must not read are "skipped". */
export async function rewriteTextFile(path: string, change: (text: string) => string, options: { create?: boolean } = {}): Promise<Rewrite> {
  const target = writeTarget(path, { symlinks: "follow", create: options.create });
  if (options.create && !existsSync(target)) {
    await withFileLock(target, () => writeTextFile(target, change(""), { create: true }));
    return { status: "written", path: target };
  }
  const loaded = loadSource(target);
  if (!loaded.ok) return { status: "skipped", path: target, reason: loaded.reason };
  const { text, bom, hash } = loaded.source;
  const changed = change(text);
  if (changed === text) return { status: "unchanged", path: target };
  await withFileLock(target, () => writeTextFile(target, changed, { bom, expectedHash: hash }));
  return { status: "written", path: target };
}
