// Environments: a folder whose code defines load_environment / loadEnvironment, rooted at the nearest folder with its
// own pyproject.toml / package.json. Every other file belongs to one loose group per scanned root.
import { existsSync } from "node:fs";
import { basename, dirname, relative, sep } from "node:path";

export interface Group {
  /** Environment name (folder name), or null for loose files. */
  name: string | null;
  root: string;
  files: string[];
}

const PROJECT_FILES = ["pyproject.toml", "setup.py", "setup.cfg", "package.json"];
const ENTRY = /\bdef\s+load_environment\s*\(|\bloadEnvironment\b/;

export function definesEnvironment(text: string): boolean {
  return ENTRY.test(text);
}

function projectRoot(file: string, scanRoot: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (PROJECT_FILES.some((f) => existsSync(`${dir}${sep}${f}`))) return dir;
    if (dir === scanRoot || !isInside(dir, scanRoot) || dirname(dir) === dir) break;
  }
  return dirname(file);
}

export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep));
}

/** `texts` holds the text of every readable file; entry files decide the environment roots. */
export function groupFiles(files: string[], texts: Map<string, string>, scanRoots: string[]): Group[] {
  const rootOfScan = (file: string) =>
    scanRoots.filter((r) => isInside(file, r)).sort((a, b) => b.length - a.length)[0] ?? dirname(file);
  const envRoots = new Set<string>();
  for (const file of files) {
    const text = texts.get(file);
    if (text !== undefined && definesEnvironment(text)) envRoots.add(projectRoot(file, rootOfScan(file)));
  }
  // Deepest environment root wins for nested layouts.
  const sortedRoots = [...envRoots].sort((a, b) => b.length - a.length);
  const groups = new Map<string, Group>();
  for (const file of files) {
    const envRoot = sortedRoots.find((root) => isInside(file, root));
    const key = envRoot ?? `loose:${rootOfScan(file)}`;
    let group = groups.get(key);
    if (!group) {
      group = envRoot
        ? { name: basename(envRoot), root: envRoot, files: [] }
        : { name: null, root: rootOfScan(file), files: [] };
      groups.set(key, group);
    }
    group.files.push(file);
  }
  return [...groups.values()].sort((a, b) => a.root.localeCompare(b.root));
}
