// The one list of languages crunify reads. The driver, the staged-file filter, environment grouping and the README
// step ask this registry; nothing outside a language's folder imports that folder except through `load()`.
// Adding a language is one folder under codemods/languages/ and one entry here.
import { basename, extname } from "node:path";
import type { LanguageCodemod } from "../model/types.js";

export interface LanguageEntry {
  id: string;
  /** File extensions (with the dot) whose files the language reads. */
  extensions: readonly string[];
  /** File names the language reads whatever their extension (compose files: `.yaml` alone says nothing). */
  fileNames?: RegExp;
  matches(path: string): boolean;
  /** The environment's entry point: its name, and a cheap test for a file that may define it. None for languages
   *  that only describe containers (compose files): they join the environment of the code beside them. */
  entryPoint?: { name: string; mayDefine(text: string): boolean };
  /** How README snippets are written for an environment in this language. */
  readmeLanguage: "python" | "typescript";
  /** Project files that root an environment written in this language. */
  projectFiles: readonly string[];
  /** Analysed on a worker thread, beside the other languages, in a run that only reports (driver/language-thread.ts):
   *  the tool it loads costs more than the thread's start-up. */
  ownThread?: boolean;
  /** Loaded only when a file of the language is in the run (ts-morph costs ~0.5 s to load). */
  load(): Promise<LanguageCodemod>;
}

const byExtension = (extensions: readonly string[], exclude?: RegExp) => (path: string) =>
  extensions.includes(extname(path)) && !(exclude?.test(path) ?? false);

const byName = (names: RegExp) => (path: string) => names.test(basename(path));

const PY_EXTENSIONS = [".py"] as const;
const TS_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"] as const;
/** `compose.yaml`, `docker-compose.override.yml`, `docker-compose-dev.yml`, `sql-docker-compose.yml`: "compose" as a
 *  word of the name (not `composer.yml`); a YAML file that holds no services is then left alone by its content. */
const COMPOSE_FILE_NAMES = /^(?:[\w.-]*[-_.])?compose(?:[-_.][\w.-]*)?\.ya?ml$/;

export const LANGUAGES: readonly LanguageEntry[] = [
  {
    id: "python",
    extensions: PY_EXTENSIONS,
    matches: byExtension(PY_EXTENSIONS),
    // The name first: a plain substring search is ~8× faster than the regex on the files (most) that lack it.
    entryPoint: { name: "load_environment", mayDefine: (text) => text.includes("load_environment") && /\bdef\s+load_environment\s*\(/.test(text) },
    readmeLanguage: "python",
    projectFiles: ["pyproject.toml", "setup.py", "setup.cfg"],
    load: async () => (await import("./python/index.js")).pythonCodemod,
  },
  {
    id: "typescript",
    extensions: TS_EXTENSIONS,
    matches: byExtension(TS_EXTENSIONS, /\.d\.[mc]?ts$/),
    entryPoint: { name: "loadEnvironment", mayDefine: (text) => text.includes("loadEnvironment") && /\bloadEnvironment\b/.test(text) },
    readmeLanguage: "typescript",
    projectFiles: ["package.json"],
    ownThread: true,
    load: async () => (await import("./typescript/index.js")).typescriptCodemod,
  },
  {
    id: "compose",
    extensions: [],
    // compose.yaml, docker-compose.yml and overrides such as docker-compose.prod.yml or compose.override.yaml.
    fileNames: COMPOSE_FILE_NAMES,
    matches: byName(COMPOSE_FILE_NAMES),
    // Snippets for the README are about load_environment, which the environment's Python code defines.
    readmeLanguage: "python",
    projectFiles: [],
    load: async () => (await import("./compose/index.js")).composeCodemod,
  },
];

export function languageOf(path: string): LanguageEntry | undefined {
  return LANGUAGES.find((language) => language.matches(path));
}

export function languageById(id: string): LanguageEntry {
  const found = LANGUAGES.find((language) => language.id === id);
  if (!found) throw new Error(`unknown language '${id}'`);
  return found;
}

/** Every extension some language reads. */
export const SOURCE_EXTENSIONS: readonly string[] = LANGUAGES.flatMap((language) => language.extensions);

/** A file name some language reads by name rather than by extension (the walk's test beside SOURCE_EXTENSIONS). */
export function isSourceName(name: string): boolean {
  return LANGUAGES.some((language) => language.fileNames?.test(name) ?? false);
}

/** Every project file that roots an environment. */
export const PROJECT_FILES: readonly string[] = LANGUAGES.flatMap((language) => language.projectFiles);

const loaded = new Map<string, Promise<LanguageCodemod>>();

export function loadLanguage(entry: LanguageEntry): Promise<LanguageCodemod> {
  let codemod = loaded.get(entry.id);
  if (!codemod) loaded.set(entry.id, (codemod = entry.load()));
  return codemod;
}
