// The CLI as one ES module plus a chunk per lazily loaded command and language. Node 20 resolves, reads and links each
// module of an unbundled tree on every run: ~100 ms of `crunify check` on a 2-core machine, more than all of its
// discovery and reading. tsc's per-file output stays beside it (the plopfile, the tests, `import` from other code);
// type checking is tsc's job. bin/crunify.ts is this bundle's alone (tsconfig.json leaves it out), so a tsc run
// never swaps the entry under a CLI that is starting.
import { rmSync } from "node:fs";
import { defineConfig } from "rolldown";

/** Small pure-JS packages on the startup path. The rest stay where npm put them: web-tree-sitter finds its wasm beside
 *  itself, and ts-morph, typescript, yaml and diff load through require, where the compile cache serves them. */
const INLINED = new Set(["picocolors", "ignore"]);

rmSync("dist/bin/chunks", { recursive: true, force: true });

export default defineConfig({
  // The language thread's script (codemods/driver/language-thread.ts) sits beside the entry, which names it.
  input: { crunify: "bin/crunify.ts", "language-worker": "bin/language-worker.ts" },
  platform: "node",
  external: (id) => id.startsWith("node:") || (!id.startsWith(".") && !id.startsWith("/") && !INLINED.has(id)),
  resolve: { extensionAlias: { ".js": [".ts", ".js"] } },
  output: { dir: "dist/bin", format: "esm", chunkFileNames: "chunks/[name].js" },
  logLevel: "warn",
});
