// Files that ship with crunify (package.json, templates/, the example repository, the compiled plopfile), found from
// wherever this module runs: dist/<folder>/ as tsc writes it, dist/bin/ or dist/bin/chunks/ in the CLI bundle, or the
// TypeScript source under a test runner. A path relative to import.meta.url would hold in only one of those.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The folder of the nearest package.json above this module: crunify's own (dist/ and the sources hold none). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`crunify's package.json not found above ${here}`);
  }
}

export function packagePath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}
