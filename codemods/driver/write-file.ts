// The one way crunify writes a file (apply, check --fix, readme, audit --write, bench --write, new): the new bytes go
// to a temp file beside it (in .crunify-tmp/), get its owner, mode and extended attributes, are fsynced, and replace
// it by a rename (then the folder is fsynced). A reader sees the old file or the new one, never a mix; a kill leaves
// the original and a temp file git does not show. Refused, with the reason, before anything is written:
// - a symlink (apply: its target is handled on its own), or, where links are followed, one leading out of the tree;
// - a file with hard links: a rename would give this name a new file and leave the other names with the old text;
// - a read-only file (its owner wants it left alone), or one whose owner a non-root crunify could not keep;
// - a file whose bytes changed since they were read (expectedHash).
import { closeSync, fchmodSync, fchownSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from "node:fs";
import { dirname, sep } from "node:path";
import { createHash } from "node:crypto";
import { ensureTempDir, releaseTempDir, tempFileName } from "./temp-dir.js";
import { isInside } from "./paths.js";
import { copyXattrs } from "./xattrs.js";

export interface WriteOptions {
  /** sha256 of the bytes crunify read: the file must still hold exactly them. */
  expectedHash?: string;
  /** The file may not exist yet (then it is created with the default mode). */
  create?: boolean;
  /** A symlink: refused (default), or followed to its target when that lies inside `tree`. */
  symlinks?: "refuse" | "follow";
  /** For "follow": the folder the target must be in (default: the link's git work tree, else its folder). */
  tree?: string;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The file a write to `path` lands on: `path` itself, or a followed symlink's target. Throws the reason it is refused. */
export function writeTarget(path: string, options: Pick<WriteOptions, "symlinks" | "tree" | "create"> = {}): string {
  let link: boolean;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && options.create) return path;
    throw new Error(`it disappeared before it could be written (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  if (!link) return path;
  // A rename over a symlink would replace the link by a regular file.
  if (options.symlinks !== "follow") throw new Error("it is a symlink (to a file crunify read through it); give the target instead");
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    throw new Error("it is a broken symlink (or a symlink loop)");
  }
  const tree = options.tree ?? gitTop(dirname(path)) ?? realpathSync(dirname(path));
  if (!isInside(target, tree)) throw new Error(`it is a symlink to ${target}, outside ${tree}; give that file instead`);
  return target;
}

/** Write `text` (with a BOM when asked) to `path` as described at the top. Returns the path written. */
export function writeTextFile(path: string, text: string, options: WriteOptions & { bom?: boolean } = {}): string {
  const target = writeTarget(path, options);
  writeBytes(target, Buffer.from((options.bom ? "\ufeff" : "") + text, "utf8"), options);
  return target;
}

function writeBytes(path: string, bytes: Buffer, options: WriteOptions): void {
  let old: Stats | undefined;
  try {
    old = statSync(path);
  } catch (error) {
    if (!options.create || (error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(`it disappeared before it could be written (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  }
  if (old) refuseUnsafe(old);
  const dir = dirname(path);
  let temp: string | undefined;
  let fd: number | undefined;
  try {
    temp = tempFileName(ensureTempDir(dir));
    try {
      fd = openSync(temp, "wx", old ? 0o600 : 0o666);
    } catch (error) {
      // Another run removed the (then empty) temp folder between our ensure and our open: make it again, once.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      temp = tempFileName(ensureTempDir(dir));
      fd = openSync(temp, "wx", old ? 0o600 : 0o666);
    }
    writeFully(fd, bytes);
    if (old) keepOwnerAndMode(fd, old);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (old) copyXattrs(path, temp);
    if (options.expectedHash !== undefined && currentHash(path) !== options.expectedHash) {
      throw new Error("it changed on disk since crunify read it; run again");
    }
    renameSync(temp, path);
    temp = undefined;
    fsyncFolder(dir);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if (temp !== undefined) unlinkQuietly(temp);
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new Error(`cannot write it (${code}: ${describeErrno(error as Error)}); the original is unchanged`);
  } finally {
    releaseTempDir(dir);
  }
}

function refuseUnsafe(old: Stats): void {
  if (!old.isFile()) throw new Error("it is not a regular file");
  if (old.nlink > 1) {
    throw new Error(
      `it has ${old.nlink} hard links: replacing it would leave the other names with the old text; ` +
        "make it a file of its own (cp --remove-destination) or change it by hand",
    );
  }
  const mode = old.mode & 0o7777;
  // A rename would replace it even so; a file without write permission says its owner wants it left as it is.
  if ((mode & 0o222) === 0) throw new Error(`it is read-only (mode ${mode.toString(8).padStart(4, "0")}); make it writable to let crunify change it`);
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && old.uid !== uid) {
    throw new Error(`it belongs to uid ${old.uid}: crunify (uid ${uid}) would make it its own; run crunify as its owner`);
  }
}

/** Owner first (a chown clears the set-id bits), then the mode. */
function keepOwnerAndMode(fd: number, old: Stats): void {
  if (old.uid !== process.getuid?.() || old.gid !== process.getgid?.()) {
    try {
      fchownSync(fd, old.uid, old.gid);
    } catch (error) {
      throw new Error(`cannot keep its owner ${old.uid}:${old.gid} (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  fchmodSync(fd, old.mode & 0o7777);
}

export function currentHash(path: string): string | null {
  try {
    return hashBytes(readFileSync(path));
  } catch {
    return null;
  }
}

/** The rename is durable only once the folder that holds the name is on disk too. */
function fsyncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on a folder; the rename itself is done
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** write(2) may write less than asked (a full disk writes what fits and fails only on the next call): loop until
 *  every byte is written or an error is thrown, so a short write never becomes a truncated file. */
function writeFully(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) {
    offset += writeSync(fd, bytes, offset, bytes.length - offset);
  }
}

/** "no space left on device" out of "ENOSPC: no space left on device, write". */
function describeErrno(error: Error): string {
  return error.message.replace(/^[A-Z]+: /, "").replace(/, \w+( '.*')?$/, "");
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // never created, or gone
  }
}

/** The git work tree holding `dir`, found by the `.git` entry git itself looks for; null outside one. */
function gitTop(dir: string): string | null {
  for (let cur = dir; ; cur = dirname(cur)) {
    try {
      lstatSync(`${cur}${sep}.git`);
      return realpathSync(cur);
    } catch {
      if (dirname(cur) === cur) return null;
    }
  }
}
