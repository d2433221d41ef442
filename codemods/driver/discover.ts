// Which files a run looks at: walk the given paths, honour .gitignore files on the way, skip dependency and build
// folders, never follow a symlinked folder (no loops), and skip symlinked files that lead outside the tree. On the
// way it removes what dead crunify processes left behind (temp files and locks; see temp-dir.ts).
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, extname, join, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { byteOrder, isInside, relativeInside } from "./paths.js";
import { sweepOldLeftover, sweepTempDir, TEMP_DIR } from "./temp-dir.js";

export const SKIPPED_DIRS = new Set([
  "node_modules", ".git", ".hg", ".svn", ".venv", "venv", ".env", "env", "__pycache__", ".tox", ".nox", ".mypy_cache",
  ".pytest_cache", ".ruff_cache", "dist", "build", "out", ".next", "coverage", "site-packages", ".eggs", "target", ".turbo",
  TEMP_DIR,
]);

/** Output folders by name (`build`, `dist`, `out`, `target`) that are a Python package of the source instead
 *  (aws-sam-cli's `samcli/lib/build/` with its `__init__.py`): walked like any other. */
const OUTPUT_NAMES = new Set(["dist", "build", "out", "target"]);
function sourcePackage(name: string, path: string): boolean {
  return OUTPUT_NAMES.has(name) && existsSync(join(path, "__init__.py"));
}

export interface Discovered {
  /** Files to read, absolute. */
  files: string[];
  /** Files passed over, with the reason. */
  skipped: { path: string; reason: string }[];
  /** Every scanned root, absolute (a file argument's root is its folder). */
  roots: string[];
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

function loadGitignore(dir: string): IgnoreLayer | null {
  try {
    const text = readFileSync(join(dir, ".gitignore"), "utf8");
    return { base: dir, rules: ignore().add(text) };
  } catch {
    return null;
  }
}

function ignored(layers: IgnoreLayer[], path: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = relativeInside(layer.base, path)?.split(sep).join("/");
    if (!rel) continue;
    if (layer.rules.ignores(isDir ? rel + "/" : rel)) return true;
  }
  return false;
}

/** .gitignore files of the folders above `dir`, up to the repository top (a folder with .git). */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const layers: IgnoreLayer[] = [];
  for (let cur = dirname(dir); ; cur = dirname(cur)) {
    const layer = loadGitignore(cur);
    if (layer) layers.unshift(layer);
    let isTop = false;
    try {
      isTop = lstatSync(join(cur, ".git")) !== undefined;
    } catch {
      isTop = false;
    }
    if (isTop || dirname(cur) === cur) break;
  }
  return layers;
}

/** `extraName`: files read by name whatever their extension (compose files). */
export function discover(paths: string[], extensions: Set<string>, extraName: (name: string) => boolean = () => false): Discovered {
  const out: Discovered = { files: [], skipped: [], roots: [] };
  const seen = new Set<string>();
  const wanted = (name: string) => extensions.has(extname(name)) || extraName(name);

  const walk = (dir: string, root: string, layers: IgnoreLayer[]): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byteOrder(a.name, b.name));
    } catch (error) {
      out.skipped.push({ path: dir, reason: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    // Read only where the listing has one: a failed read per folder (and its exception) was a third of the walk.
    const own = entries.some((entry) => entry.name === ".gitignore") ? loadGitignore(dir) : null;
    const here = own ? [...layers, own] : layers;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.name === TEMP_DIR && entry.isDirectory()) sweepTempDir(path);
      if (entry.name.includes(".crunify") && entry.isFile() && sweepOldLeftover(path)) continue;
      if (entry.isDirectory()) {
        if ((SKIPPED_DIRS.has(entry.name) && !sourcePackage(entry.name, path)) || entry.name.endsWith(".egg-info") || ignored(here, path, true)) continue;
        walk(path, root, here);
      } else if (entry.isSymbolicLink()) {
        if (!wanted(entry.name) || ignored(here, path, false)) continue;
        let target: string;
        try {
          target = realpathSync(path);
        } catch {
          out.skipped.push({ path, reason: "broken symlink (or a symlink loop)" });
          continue;
        }
        const inside = isInside(target, root);
        out.skipped.push({ path, reason: inside ? "symlink (its target is handled on its own)" : "symlink that points outside the tree" });
      } else if (entry.isFile() && wanted(entry.name) && !ignored(here, path, false)) {
        if (!seen.has(path)) {
          seen.add(path);
          out.files.push(path);
        }
      }
    }
  };

  for (const given of paths) {
    const abs = resolve(given);
    let stat;
    try {
      stat = lstatSync(abs);
    } catch {
      throw new UsageError(`${given}: no such file or folder`);
    }
    const linked = stat.isSymbolicLink();
    if (linked) {
      try {
        stat = statSync(abs);
      } catch {
        throw new UsageError(`${given}: broken symlink`);
      }
    }
    if (linked && !stat.isDirectory()) {
      // Writing through the link would replace it by a regular file; its target is handled when given itself.
      out.skipped.push({ path: abs, reason: `symlink to ${realpathSync(abs)}: give that file instead` });
    } else if (stat.isDirectory()) {
      out.roots.push(abs);
      walk(abs, abs, ancestorLayers(abs));
    } else if (!seen.has(abs)) {
      out.roots.push(dirname(abs));
      seen.add(abs);
      out.files.push(abs);
    }
  }
  return out;
}

/** A problem with how crunify was called (exit 2), as opposed to a problem with a file (exit 1). */
export class UsageError extends Error {}
