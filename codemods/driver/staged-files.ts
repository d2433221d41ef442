// Which files `crunify check` looks at when it is given files (a pre-commit hook) or --staged: the files to report on,
// and the environment roots to analyse so that a file is judged with the context it needs (its owners, its
// load_environment, its README), while findings elsewhere in that environment stay out of the report.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./discover.js";
import { isInside } from "./paths.js";
import { languageOf, PROJECT_FILES, SOURCE_EXTENSIONS } from "../languages/registry.js";

/** Same project markers as groups.ts: the nearest folder holding one is the environment's package. */
const README_NAMES = new Set(["README.md", "readme.md", "Readme.md"]);

export interface CheckScope {
  /** Folders to analyse (no folder inside another). */
  roots: string[];
  /** Given files, absolute: findings are reported for these ... */
  files: string[];
  /** ... and for anything inside these given folders. */
  dirs: string[];
}

/** Files check can say something about: source files of a language plugin, and environment READMEs. */
export function isCheckable(path: string): boolean {
  return languageOf(path) !== undefined || README_NAMES.has(basename(path));
}

/** The folder that gives `file` its context: the nearest folder with a project file, looking no higher than the
 *  repository top; without one, the file's own folder (as groups.ts roots an environment). */
export function environmentRoot(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const isTop = existsSync(join(dir, ".git"));
    // A project file only at the repository top (a monorepo's own package.json) is not the file's environment:
    // analysing the whole repository on every commit would make the hook slow. The file's folder is the context then.
    if (PROJECT_FILES.some((name) => existsSync(join(dir, name)))) return isTop && dir !== dirname(file) ? dirname(file) : dir;
    if (isTop || dirname(dir) === dir) break;
  }
  return dirname(file);
}

/** Turn the command-line paths into what to analyse and what to report. Folders are checked whole; files no plugin
 *  reads are passed over. */
export function checkScope(paths: string[]): CheckScope {
  const files: string[] = [];
  const dirs: string[] = [];
  for (const given of paths) {
    const abs = resolve(given);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new UsageError(`${given}: no such file or folder`);
    }
    if (isDir) dirs.push(abs);
    else if (isCheckable(abs)) files.push(abs);
  }
  const candidates = [...dirs, ...files.map(environmentRoot)];
  const roots = [...new Set(candidates)]
    .sort((a, b) => a.length - b.length)
    .filter((root, i, sorted) => !sorted.slice(0, i).some((outer) => isInside(root, outer)));
  return { roots, files, dirs };
}

export function inScope(scope: CheckScope, path: string): boolean {
  return scope.files.includes(path) || scope.dirs.some((dir) => isInside(path, dir));
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync("git", ["-C", cwd, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    throw new UsageError(`--staged: git ${args[0]} failed in ${cwd}: ${stderr || (error as Error).message}`);
  }
}

function repositoryTop(cwd: string): string {
  return git(cwd, ["rev-parse", "--show-toplevel"]).trim();
}

/** Files added, copied, modified or renamed in the git index of the repository around `cwd`, absolute, checkable
 *  ones only. Deletions are left out: there is nothing left to check. */
export function stagedFiles(cwd: string): string[] {
  const top = repositoryTop(cwd);
  const out = git(cwd, ["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"]);
  return out
    .split("\0")
    .filter(Boolean)
    .map((rel) => join(top, ...rel.split("/")))
    .filter((path) => isCheckable(path) && existsSync(path)); // staged, then deleted from the work tree: nothing to read
}

/** Among `files` (absolute, in the repository around `cwd`), those whose work-tree text differs from the index: for
 *  them check reads the work tree, not exactly what will be committed. */
export function unstagedAmong(cwd: string, files: string[]): string[] {
  if (files.length === 0) return [];
  const top = repositoryTop(cwd);
  const out = git(cwd, ["diff", "--name-only", "-z", "--", ...files]);
  const changed = new Set(out.split("\0").filter(Boolean).map((rel) => join(top, ...rel.split("/"))));
  return files.filter((f) => changed.has(f));
}

/** The extensions the hook manifest's `files` pattern must cover (a test compares them). */
export const CHECKABLE_EXTENSIONS = SOURCE_EXTENSIONS;
