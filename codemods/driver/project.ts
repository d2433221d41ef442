// What an environment's project files say: its id (pyproject `name`, package.json `name`, else the folder name, for
// apply, readme and audit alike), and the project files a language may read (requires-python, dependencies).
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { GroupContext } from "../model/types.js";
import { tomlLine } from "../model/toml-line.js";

export const README_NAMES = ["README.md", "readme.md", "Readme.md"] as const;

export function readProjectFile(root: string, name: string): string | undefined {
  try {
    return readFileSync(join(root, name), "utf8");
  } catch {
    return undefined;
  }
}

/** The project files at the group's root, read once and handed to the languages. */
export function groupContext(root: string, composeFiles?: () => boolean): GroupContext {
  const cache = new Map<string, string | undefined>();
  let compose: boolean | undefined;
  return {
    projectFile(name) {
      if (!cache.has(name)) cache.set(name, readProjectFile(root, name));
      return cache.get(name);
    },
    fileAt(rel) {
      if (!cache.has(rel)) cache.set(rel, readProjectFile(root, rel));
      return cache.get(rel);
    },
    ...(composeFiles ? { hasComposeFiles: () => (compose ??= composeFiles()) } : {}),
  };
}

/** The environment id users type (`vf-eval <id>`): the project's name, else the folder's. */
export function environmentId(root: string): string {
  const pyproject = readProjectFile(root, "pyproject.toml");
  const fromPyproject = pyproject && pyprojectName(pyproject);
  if (fromPyproject) return fromPyproject;
  const packageJson = readProjectFile(root, "package.json");
  if (packageJson) {
    try {
      const name = JSON.parse(packageJson).name;
      if (typeof name === "string" && name) return name;
    } catch {
      // A broken package.json names nothing; the folder does.
    }
  }
  return basename(root);
}

/** `[project] name = "..."` (or poetry's `[tool.poetry]`). */
export function pyprojectName(toml: string): string | undefined {
  return tomlLine(toml, ["project", "tool.poetry"], /^name\s*=\s*(["'])(.+?)\1/)?.[2];
}

/** The README at an environment's root, if any. */
export function readmeOf(root: string): string | undefined {
  return README_NAMES.map((name) => join(root, name)).find((path) => existsSync(path));
}
