// The write phase of apply: the git guard per environment, then one writer per tree, all or nothing when files
// changed under the run, each file through the one write path under its own lock.
import { spawnSync } from "node:child_process";
import { dirname, join, sep } from "node:path";
import { displayPath } from "./format-report.js";
import { withFileLock, withLock } from "./file-lock.js";
import { gitFacts, type GitBaseline } from "./git.js";
import { writeSourceAtomic, type LoadedSource } from "./source-file-io.js";
import { TEMP_DIR } from "./temp-dir.js";
import { currentHash } from "./write-file.js";
import { decideWrites } from "./write-guard.js";

export interface PlannedFile {
  path: string;
  /** Root of the environment (group) it belongs to. */
  env: string;
  source: LoadedSource;
  after: string;
}

type SetStatus = (path: string, status: "changed" | "error", reason?: string) => void;

/** Write what can be written; returns the environments held back by the git guard, with the reason. */
export async function writePlanned(planned: PlannedFile[], force: boolean, setStatus: SetStatus, baseline: GitBaseline = "head"): Promise<{ env: string; reason: string }[]> {
  const decision = decideWrites(planned, force ? emptyFacts() : gitFacts(planned.map((p) => p.path), baseline), force, displayPath);
  for (const { path, reason } of decision.held) setStatus(path, "error", reason);
  const allowed = new Set(decision.write);
  const writable = planned.filter((p) => allowed.has(p.path));
  if (writable.length === 0) return decision.heldEnvironments;
  // One writer per tree at a time, and all or nothing: when any planned file changed since it was read (another
  // crunify run, an editor), no file is written, so a run never leaves half its threading behind.
  try {
    await withLock(join(lockBase(writable.map((p) => p.path)), TEMP_DIR, "run.lock"), async () => {
      const stale = new Set(writable.filter((p) => currentHash(p.path) !== p.source.hash).map((p) => p.path));
      if (stale.size > 0) {
        for (const { path } of writable) {
          setStatus(path, "error", stale.has(path)
            ? "changed on disk since crunify read it (another crunify run?); nothing was written, run again"
            : `not written: ${stale.size} other file(s) changed on disk since crunify read them; run again`);
        }
        return;
      }
      for (const { path, source, after } of writable) {
        try {
          await withFileLock(path, () => writeSourceAtomic(path, after, source.bom, source.hash));
          setStatus(path, "changed");
        } catch (error) {
          setStatus(path, "error", `not written: ${(error as Error).message}`);
        }
      }
    }, 30_000);
  } catch (error) {
    for (const { path } of writable) setStatus(path, "error", `not written: ${(error as Error).message}`);
  }
  return decision.heldEnvironments;
}

function emptyFacts() {
  return { outside: new Set<string>(), dirty: new Set<string>(), ignored: new Set<string>(), gitMissing: false, baseline: "head" as const };
}

/** Where the run lock lives: the git work tree of the files, else the folder they share. */
function lockBase(paths: string[]): string {
  const dirs = paths.map((p) => dirname(p));
  const top = spawnSync("git", ["-C", dirs[0]!, "rev-parse", "--show-toplevel"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  if (top.status === 0 && top.stdout.trim()) return top.stdout.trim();
  let common = dirs[0]!;
  while (!dirs.every((d) => d === common || d.startsWith(common + sep)) && dirname(common) !== common) common = dirname(common);
  return common;
}
