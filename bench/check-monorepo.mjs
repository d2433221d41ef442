#!/usr/bin/env node
// `crunify check` of the synthetic monorepo (bench/lib/monorepo-tree.mjs, ~10,000 files) beside a naive baseline that
// parses every .py file with the same web-tree-sitter parser and every .ts file with the same TypeScript build (no
// pre-filter) and walks each tree, the same check with small young generations (--max-semi-space-size=1), and
// `ast-grep scan` with the equivalent rules (bench/ast-grep/). `npm run bench` has the ast-grep and rg comparison at
// 1x/2x/4x; this script answers "how much does the pre-filter save over parsing everything?".
// Run after `npm run build`:  node bench/check-monorepo.mjs [--runs 3] [--keep] [--generate-only (print the tree's path)]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { interleaved, requireGnuTime } from "./lib/measure.mjs";
import { writeMonorepo } from "./lib/monorepo-tree.mjs";
import { commands, probe, REPO } from "./lib/tools.mjs";

// ---- the naive baseline, run in its own process: `node check-monorepo.mjs --naive <dir>` ----
async function naiveBaseline(root) {
  const require = createRequire(join(REPO, "package.json"));
  const { Parser, Language } = await import(require.resolve("web-tree-sitter"));
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve("tree-sitter-python/tree-sitter-python.wasm")));
  // TypeScript files through the same TypeScript build crunify uses (ts-morph's), parsed without a pre-filter.
  const { ts } = await import(require.resolve("ts-morph"));
  let files = 0;
  let calls = 0;
  const visitTs = (node) => {
    if (node.kind === ts.SyntaxKind.CallExpression) calls++;
    ts.forEachChild(node, visitTs);
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        visitTs(ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true));
        files++;
      } else if (entry.name.endsWith(".py")) {
        const tree = parser.parse(readFileSync(path, "utf8"));
        const cursor = tree.walk();
        // Visit every node, as a rule engine without a pre-filter must.
        for (let more = true; more; ) {
          if (cursor.nodeType === "call") calls++;
          if (cursor.gotoFirstChild()) continue;
          while (!cursor.gotoNextSibling()) {
            if (!cursor.gotoParent()) {
              more = false;
              break;
            }
          }
        }
        tree.delete();
        files++;
      }
    }
  };
  walk(root);
  console.log(JSON.stringify({ files, calls }));
}

async function main() {
  const naiveAt = process.argv.indexOf("--naive");
  if (naiveAt > 0) return naiveBaseline(process.argv[naiveAt + 1]);
  const runsAt = process.argv.indexOf("--runs");
  const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
  requireGnuTime();
  const root = mkdtempSync(join(tmpdir(), "crunify-monorepo-"));
  try {
    const counts = writeMonorepo(root, 1);
    if (process.argv.includes("--generate-only")) return void console.log(root);
    console.log(`synthetic monorepo: ${counts.py} .py + ${counts.ts} .ts files, ${counts.sites} container sites (${root})`);
    const found = probe(["."], root);
    console.log(`  crunify: ${found.crunify.sites} container-runtime findings of ${found.crunify.findings}; ast-grep: ${found.astGrep?.matches ?? "-"} matches`);
    const cmds = commands(["."], root);
    const cases = {
      "crunify check": cmds.crunify,
      // The same run with small young generations (what NODE_OPTIONS=--max-semi-space-size=1 gives a user).
      "crunify, semi-space 1 MB": { ...cmds.crunify, args: ["--max-semi-space-size=1", ...cmds.crunify.args] },
      "naive parse-every-file": { command: process.execPath, args: [fileURLToPath(import.meta.url), "--naive", root], cwd: root },
    };
    if (cmds.astGrep) cases["ast-grep scan"] = cmds.astGrep;
    const result = interleaved(cases, runs);
    const ours = result["crunify check"];
    console.log(`\nmedians of ${runs} interleaved runs (Node ${process.version}):`);
    for (const [name, r] of Object.entries(result)) {
      console.log(
        `  ${name.padEnd(26)} ${r.ms.toFixed(0).padStart(6)} ms  cpu ${r.cpuMs.toFixed(0).padStart(6)} ms  peak RSS ${r.rssMb.toFixed(0).padStart(4)} MB   crunify/this ${(ours.ms / r.ms).toFixed(2)}`,
      );
    }
    const naive = result["naive parse-every-file"].ms;
    console.log(`crunify / naive: ${(ours.ms / naive).toFixed(2)}x (the pre-filter's saving)`);
    console.log(`peak RSS: ${ours.rssMb.toFixed(0)} MB; ${result["crunify, semi-space 1 MB"].rssMb.toFixed(0)} MB with --max-semi-space-size=1`);
    if (!cmds.astGrep) console.log("ast-grep: skipped: @ast-grep/cli not installed (npm ci)");
  } finally {
    // --generate-only hands the tree to the caller: it stays.
    if (process.argv.includes("--keep")) console.log(`kept ${root}`);
    else if (!process.argv.includes("--generate-only")) rmSync(root, { recursive: true, force: true });
  }
}

await main();
