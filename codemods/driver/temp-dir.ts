// Where crunify keeps its temp files and locks: a `.crunify-tmp` folder beside the files it writes (the same file
// system, so a rename is atomic), holding a `.gitignore` of `*`, so git never shows what a killed run left there.
// Names carry the writer's pid: any later run removes what dead processes left behind.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export const TEMP_DIR = ".crunify-tmp";
const GITIGNORE = "# crunify's temp files and locks: never committed (removed when crunify is done)\n*\n";

/** Temp files: `<pid>-<counter>-<random>.tmp`; staging folders of `crunify new`: `<pid>-new-<name>-<random>`. */
const TEMP_FILE = /^(\d+)-\d+-[0-9a-f]+\.tmp$/;
const STAGE_DIR = /^(\d+)-new-/;
/** Left beside the files by crunify before 0.2: `.<name>.crunify-<pid>-<ms>.tmp` and `<name>.crunify.lock`. */
const OLD_TEMP_FILE = /^\..+\.crunify-(\d+)-\d+\.tmp$/;
const OLD_LOCK_FILE = /\.crunify\.lock$/;

let counter = 0;

export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The temp folder for files in `dir`, created (with its .gitignore) when missing. As root, it belongs to the owner
 *  of `dir`, so a user can remove what a killed run left in their tree. */
export function ensureTempDir(dir: string): string {
  const temp = join(dir, TEMP_DIR);
  excludeFromGit(dir);
  try {
    mkdirSync(temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A folder crunify is about to fill (crunify new): make it. (A recursive mkdir reports EROFS as ENOENT.)
    if (code === "ENOENT") {
      mkdirSync(dir, { recursive: true });
      mkdirSync(temp);
    } else if (code !== "EEXIST") {
      throw error;
    }
  }
  const ignore = join(temp, ".gitignore");
  try {
    writeFileSync(ignore, GITIGNORE, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (process.getuid?.() === 0) {
    const owner = statSync(dir);
    for (const path of [temp, ignore]) chownSync(path, owner.uid, owner.gid);
  }
  return temp;
}

const excluded = new Set<string>();

/** Between creating the folder and finishing its .gitignore, a `kill -9` would leave a file git shows. So, first, the
 *  repository's own untracked ignore list (`.git/info/exclude`, never committed) names the folder: one short append,
 *  once per repository. Outside a git work tree there is nothing to hide it from. */
function excludeFromGit(dir: string): void {
  const found = spawnSync("git", ["-C", existingFolder(dir), "rev-parse", "--path-format=absolute", "--git-path", "info/exclude"], { encoding: "utf8" });
  const exclude = found.status === 0 ? found.stdout.trim() : "";
  if (!exclude || excluded.has(exclude)) return;
  excluded.add(exclude);
  let text = "";
  try {
    text = readFileSync(exclude, "utf8");
  } catch {
    mkdirSync(dirname(exclude), { recursive: true });
  }
  if (text.split(/\r?\n/).includes(`${TEMP_DIR}/`)) return;
  appendFileSync(exclude, `${text === "" || text.endsWith("\n") ? "" : "\n"}${TEMP_DIR}/\n`);
}

function existingFolder(dir: string): string {
  let current = dir;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** A fresh temp file name inside `tempDir`. */
export function tempFileName(tempDir: string): string {
  return join(tempDir, `${process.pid}-${++counter}-${randomBytes(4).toString("hex")}.tmp`);
}

/** Remove the temp folder of `dir` when nothing but its .gitignore is left in it. */
export function releaseTempDir(dir: string): void {
  const temp = join(dir, TEMP_DIR);
  let entries: string[];
  try {
    entries = readdirSync(temp);
  } catch {
    return;
  }
  if (entries.some((name) => name !== ".gitignore")) return;
  const ignore = join(temp, ".gitignore");
  try {
    unlinkSync(ignore);
  } catch (error) {
    // Already gone: a run killed between this unlink and the rmdir below left the folder empty; finish its work.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return;
  }
  try {
    rmdirSync(temp);
  } catch (error) {
    // Another crunify process put a file in it meanwhile: it stays, ignored again. (Gone already: nothing to do.)
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    try {
      writeFileSync(ignore, GITIGNORE, { flag: "wx" });
    } catch {
      // the .gitignore is back
    }
  }
}

/** Remove what dead crunify processes left in the temp folder `temp` (then the folder, when empty). */
export function sweepTempDir(temp: string): void {
  let entries: string[];
  try {
    entries = readdirSync(temp);
  } catch {
    return;
  }
  for (const name of entries) {
    const stage = STAGE_DIR.exec(name)?.[1];
    if (stage !== undefined) {
      if (!alive(Number(stage))) rmSync(join(temp, name), { recursive: true, force: true });
      continue;
    }
    const pid = TEMP_FILE.exec(name)?.[1];
    const dead = pid !== undefined ? !alive(Number(pid)) : name.endsWith(".lock") && deadLock(join(temp, name));
    if (dead) unlinkQuietly(join(temp, name));
  }
  releaseTempDir(dirname(temp));
}

/** For a file found while walking a tree: remove it when it is an older crunify's temp file or lock whose process is
 *  gone. True when it was removed. */
export function sweepOldLeftover(path: string): boolean {
  const name = basename(path);
  const pid = OLD_TEMP_FILE.exec(name)?.[1];
  const dead = pid !== undefined ? !alive(Number(pid)) : OLD_LOCK_FILE.test(name) && deadLock(path);
  return dead && unlinkQuietly(path);
}

/** A lock whose process is gone, or that was never filled with a pid (and is not being filled right now). */
export function deadLock(path: string): boolean {
  try {
    const pid = readFileSync(path, "utf8").trim();
    if (/^\d+$/.test(pid)) return !alive(Number(pid));
    return Date.now() - lstatSync(path).mtimeMs > 60_000;
  } catch {
    return false;
  }
}

function unlinkQuietly(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}
