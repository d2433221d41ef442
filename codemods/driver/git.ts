// What git knows about the files crunify is about to write: whether they are in a work tree at all, which have
// uncommitted changes (untracked ones included, whatever status.showUntrackedFiles says), and which git ignores.
// A file git holds no clean copy of is one whose rewrite could not be reviewed or undone: see write-guard.ts.
import { spawnSync } from "node:child_process";
import { lstatSync, realpathSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";

/** What "git holds a copy" means: the last commit (apply), or the index (`check --fix`: staged files may be fixed). */
export type GitBaseline = "head" | "index";

export interface GitFacts {
  /** Files in no git work tree (or all of them when git is not installed: `gitMissing`). */
  outside: Set<string>;
  /** Files git holds no copy of as they are: against HEAD (modified, staged, added, renamed, untracked), or against the
   *  index for `check --fix` in a pre-commit hook (changed since `git add`, untracked). */
  dirty: Set<string>;
  baseline: GitBaseline;
  /** Files git ignores (untracked and matched by .gitignore, .git/info/exclude or core.excludesFile). */
  ignored: Set<string>;
  gitMissing: boolean;
}

function git(top: string, args: string[], input?: string): { status: number | null; stdout: string; missing: boolean } {
  const result = spawnSync("git", ["-C", top, ...args], { encoding: "utf8", input, stdio: ["pipe", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout ?? "", missing: (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT" };
}

/** The work tree holding `dir`: the nearest folder with a `.git` entry, confirmed by git (one call per work tree). */
function workTreeOf(dir: string, tops: Map<string, string | null>, candidates: Map<string, string | null>): string | null {
  let candidate: string | null = null;
  const walked: string[] = [];
  for (let cur = dir; ; cur = dirname(cur)) {
    if (candidates.has(cur)) {
      candidate = candidates.get(cur)!;
      break;
    }
    walked.push(cur);
    if (exists(join(cur, ".git"))) {
      candidate = cur;
      break;
    }
    if (dirname(cur) === cur) break;
  }
  for (const d of walked) candidates.set(d, candidate);
  if (candidate === null) return null;
  if (!tops.has(candidate)) {
    const answer = git(candidate, ["rev-parse", "--show-toplevel"]);
    tops.set(candidate, answer.status === 0 ? realOrSelf(answer.stdout.trim()) : null);
  }
  return tops.get(candidate)!;
}

export function gitFacts(paths: string[], baseline: GitBaseline = "head"): GitFacts {
  const facts: GitFacts = { outside: new Set(), dirty: new Set(), ignored: new Set(), gitMissing: false, baseline };
  if (paths.length === 0) return facts;
  if (git(".", ["--version"]).missing) {
    return { ...facts, outside: new Set(paths), gitMissing: true };
  }
  const tops = new Map<string, string | null>();
  const candidates = new Map<string, string | null>();
  const byTop = new Map<string, Map<string, string>>(); // top → (path relative to top → the path as given)
  for (const path of paths) {
    const real = join(realOrSelf(dirname(path)), basename(path));
    const top = workTreeOf(dirname(real), tops, candidates);
    if (top === null) {
      facts.outside.add(path);
      continue;
    }
    if (!byTop.has(top)) byTop.set(top, new Map());
    byTop.get(top)!.set(relative(top, real).split(sep).join("/"), path);
  }
  for (const [top, files] of byTop) {
    const rels = [...files.keys()];
    // Pathspecs as arguments (git status reads none from stdin), a few hundred at a time to stay under ARG_MAX.
    for (let i = 0; i < rels.length; i += 500) {
      const batch = rels.slice(i, i + 500);
      const status = git(top, ["--literal-pathspecs", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=no", "--no-renames", "--", ...batch]);
      if (status.status !== 0) {
        // git refused (a broken repository): nothing can be known, so nothing counts as clean.
        for (const rel of batch) facts.dirty.add(files.get(rel)!);
        continue;
      }
      for (const entry of status.stdout.split("\0")) {
        // XY path: X the index against HEAD, Y the work tree against the index ("??" untracked).
        const differs = baseline === "head" || entry[1] !== " ";
        if (entry.length > 3 && differs && files.has(entry.slice(3))) facts.dirty.add(files.get(entry.slice(3))!);
      }
    }
    const ignoredOut = git(top, ["check-ignore", "-z", "--stdin"], rels.join("\0"));
    for (const rel of ignoredOut.stdout.split("\0")) if (files.has(rel)) facts.ignored.add(files.get(rel)!);
  }
  return facts;
}

/** Files among `paths` with uncommitted changes (untracked ones included). */
export function dirtyFiles(paths: string[]): string[] {
  const { dirty } = gitFacts(paths);
  return paths.filter((p) => dirty.has(p));
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The real path, or the path itself once it is gone (deleted since the scan: it is reported dirty, not a crash). */
function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
