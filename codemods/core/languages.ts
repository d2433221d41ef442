// The language plugins, loaded only when a file of theirs is in the run (ts-morph costs ~0.6 s to load).
import { extname } from "node:path";
import type { LanguageCodemod } from "./types.js";

export const LANGUAGE_EXTENSIONS: Record<LanguageCodemod["name"], readonly string[]> = {
  python: [".py"],
  typescript: [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"],
};

export function languageOf(path: string): LanguageCodemod["name"] | null {
  const ext = extname(path);
  if (LANGUAGE_EXTENSIONS.python.includes(ext)) return "python";
  if (LANGUAGE_EXTENSIONS.typescript.includes(ext) && !path.endsWith(".d.ts")) return "typescript";
  return null;
}

export async function loadLanguage(name: LanguageCodemod["name"]): Promise<LanguageCodemod> {
  if (name === "python") return (await import("../python/index.js")).pythonCodemod;
  return (await import("../typescript/index.js")).typescriptCodemod;
}
