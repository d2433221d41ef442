#!/usr/bin/env node
// `crunify check` of a synthetic ~10,000-file monorepo (Python + TS, a few hundred container sites), side by side with
// (a) a naive baseline that parses every .py file with the same web-tree-sitter parser and every .ts file with the same
// TypeScript build (no pre-filter) and walks each tree, and (b) `ast-grep scan` with equivalent rules (bench/ast-grep/), when node_modules/.bin/ast-grep exists.
// Wall time and peak RSS (/usr/bin/time -v "Maximum resident set size"), medians of --runs (default 3).
// Targets (issue 7): no slower than ast-grep, at most half the naive time, peak memory under 150 MB.
// Run after `npm run build`:  node bench/check-monorepo.mjs [--runs 3] [--keep] [--generate-only (print the tree's path)]
//
// The tree, like a real environments monorepo: 250 Python environments of 8 files (200 create containers, 40 of
// them twice), 40 TypeScript environment packages of 10 files (30 with a dockerode site), 6,000 Python library files
// in 60 packages (10% mention Executor/subprocess), 1,700 TypeScript web files (2% mention docker in a comment).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(REPO, "dist/bin/crunify.js");
const AST_GREP = join(REPO, "node_modules/.bin/ast-grep");
const AST_GREP_CONFIG = join(REPO, "bench/ast-grep/sgconfig.yml");

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

// ---- the synthetic tree ----
const pyFiller = (i, flavour) => `"""Module ${i}: scoring helpers."""
import json
import math
from dataclasses import dataclass, field
${flavour === "executor" ? "from concurrent.futures import ThreadPoolExecutor\n" : ""}${flavour === "subprocess" ? "import subprocess\n" : ""}

@dataclass
class Item${i}:
    key: str
    values: list = field(default_factory=list)

    def mean(self) -> float:
        return sum(self.values) / len(self.values) if self.values else 0.0

    def spread(self) -> float:
        m = self.mean()
        return math.sqrt(sum((v - m) ** 2 for v in self.values) / max(len(self.values), 1))


def load_items_${i}(path):
    with open(path) as handle:
        return [Item${i}(row["key"], row.get("values", [])) for row in map(json.loads, handle)]


def best_${i}(items, limit=10):
    ranked = sorted(items, key=lambda item: (item.mean(), -item.spread()), reverse=True)
    return ranked[:limit]
${flavour === "executor" ? `

def score_all_${i}(items):
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda item: item.mean(), items))
` : ""}${flavour === "subprocess" ? `

def git_revision_${i}():
    return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
` : ""}`;

const pyExecutor = (twice) => `import asyncio
import subprocess

import docker


class DockerSandbox:
    def __init__(self, image="python:3.11-slim", cpu_cores=1):
        self.image = image
        self.cpu_cores = cpu_cores
        self.client = docker.from_env()

    async def start(self, name):
        return await asyncio.to_thread(
            self.client.containers.create,
            self.image,
            name=name,
            command="tail -f /dev/null",
            detach=True,
        )
${twice ? `
    def start_cli(self, name):
        cmd = ["docker", "run", "-d", "--name", name, self.image, "sleep", "infinity"]
        return subprocess.run(cmd, check=True, capture_output=True)
` : ""}`;

const pyEntry = (withSandbox) => `${withSandbox ? "from .sandbox import DockerSandbox\n" : ""}from .scoring import best_0


def load_environment(image="python:3.11-slim", **kwargs):
    ${withSandbox ? "sandbox = DockerSandbox(image=image)\n    return {\"sandbox\": sandbox, \"rank\": best_0}" : "return {\"rank\": best_0}"}
`;

const tsFiller = (i, mentionDocker) => `// Widget ${i}${mentionDocker ? " (its preview image is built by the docker job)" : ""}.
export interface Props${i} {
  title: string;
  items: readonly string[];
}

export function render${i}(props: Props${i}): string {
  const rows = props.items.map((item, n) => \`<li data-n="\${n}">\${item}</li>\`).join("");
  return \`<section><h2>\${props.title}</h2><ul>\${rows}</ul></section>\`;
}

export function count${i}(props: Props${i}): number {
  return props.items.filter((item) => item.trim().length > 0).length;
}
`;

const tsSandbox = `import Docker from "dockerode";

export class Sandbox {
  constructor(private image: string, private docker = new Docker()) {}

  async start(): Promise<Docker.Container> {
    const container = await this.docker.createContainer({ Image: this.image, Cmd: ["sleep", "infinity"] });
    await container.start();
    return container;
  }
}
`;

const tsEntry = (withSandbox) => `${withSandbox ? 'import { Sandbox } from "./sandbox.js";\n' : ""}
export function loadEnvironment(options: { image?: string } = {}) {
  return { ${withSandbox ? 'sandbox: new Sandbox(options.image ?? "busybox"), ' : ""}name: "env" };
}
`;

function write(path, text) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
}

function generate(root) {
  const counts = { py: 0, ts: 0, sites: 0 };
  const py = (path, text) => (write(path, text), counts.py++);
  const ts = (path, text) => (write(path, text), counts.ts++);
  for (let e = 0; e < 250; e++) {
    const dir = join(root, "environments", `env_${e}`);
    const withSandbox = e < 200;
    const twice = e < 40;
    write(join(dir, "pyproject.toml"), `[project]\nname = "env-${e}"\n`);
    py(join(dir, `env_${e}`, "__init__.py"), pyEntry(withSandbox));
    if (withSandbox) {
      py(join(dir, `env_${e}`, "sandbox.py"), pyExecutor(twice));
      counts.sites += twice ? 2 : 1;
    }
    const fillers = withSandbox ? 6 : 7;
    for (let i = 0; i < fillers; i++) py(join(dir, `env_${e}`, i === 0 ? "scoring.py" : `part_${i}.py`), pyFiller(i, "plain"));
  }
  for (let p = 0; p < 40; p++) {
    const dir = join(root, "ts-environments", `ts_env_${p}`);
    const withSandbox = p < 30;
    write(join(dir, "package.json"), JSON.stringify({ name: `ts-env-${p}`, type: "module" }));
    ts(join(dir, "src/index.ts"), tsEntry(withSandbox));
    if (withSandbox) {
      ts(join(dir, "src/sandbox.ts"), tsSandbox);
      counts.sites++;
    }
    for (let i = 0; i < (withSandbox ? 8 : 9); i++) ts(join(dir, `src/widget_${i}.ts`), tsFiller(i, false));
  }
  for (let k = 0; k < 60; k++) {
    const dir = join(root, "libs", `lib_${k}`);
    write(join(dir, "pyproject.toml"), `[project]\nname = "lib-${k}"\n`);
    for (let i = 0; i < 100; i++) {
      const flavour = i % 20 === 0 ? "executor" : i % 20 === 1 ? "subprocess" : "plain";
      py(join(dir, `lib_${k}`, `mod_${i}.py`), pyFiller(i, flavour));
    }
  }
  for (let i = 0; i < 1700; i++) ts(join(root, "web/src", `w${Math.floor(i / 100)}`, `widget_${i}.ts`), tsFiller(i, i % 50 === 0));
  return counts;
}

// ---- measuring ----
function measure(command, args, cwd) {
  const start = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-v", command, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : NaN, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const naiveAt = process.argv.indexOf("--naive");
  if (naiveAt > 0) return naiveBaseline(process.argv[naiveAt + 1]);
  const runsAt = process.argv.indexOf("--runs");
  const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
  if (!existsSync("/usr/bin/time")) throw new Error("/usr/bin/time is missing: apt-get install -y time");

  const root = mkdtempSync(join(tmpdir(), "crunify-monorepo-"));
  try {
    const counts = generate(root);
    if (process.argv.includes("--generate-only")) return void console.log(root);
    console.log(`synthetic monorepo: ${counts.py} .py + ${counts.ts} .ts files, ${counts.sites} container sites (${root})`);
    const tools = {
      "crunify check": [process.execPath, [CLI, "check", ".", "--format", "json"]],
      // The same run with small young generations (what NODE_OPTIONS=--max-semi-space-size=1 gives a user).
      "crunify, semi-space 1 MB": [process.execPath, ["--max-semi-space-size=1", CLI, "check", ".", "--format", "json"]],
      "naive parse-every-file": [process.execPath, [fileURLToPath(import.meta.url), "--naive", root]],
    };
    const hasAstGrep = existsSync(AST_GREP);
    if (hasAstGrep) tools["ast-grep scan"] = [AST_GREP, ["scan", "--config", AST_GREP_CONFIG, "--json=compact", "."]];

    // One untimed pass each: warms the file cache, and checks every tool found the sites.
    for (const [name, [cmd, args]] of Object.entries(tools)) {
      const r = measure(cmd, args, root);
      if (name.startsWith("crunify")) {
        const json = JSON.parse(r.stdout);
        const sites = json.findings.filter((f) => f.rule === "container-runtime").length;
        console.log(`  ${name}: ${sites} container-runtime findings, ${json.findings.length} findings in all, ${json.summary.errors} errors`);
      } else if (name === "ast-grep scan") {
        console.log(`  ast-grep: ${JSON.parse(r.stdout || "[]").length} matches`);
      } else {
        console.log(`  naive: ${r.stdout.trim()}`);
      }
    }
    const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, { ms: [], rss: [] }]));
    for (let i = 0; i < runs; i++) {
      for (const [name, [cmd, args]] of Object.entries(tools)) {
        const r = measure(cmd, args, root);
        samples[name].ms.push(r.ms);
        samples[name].rss.push(r.rssMb);
      }
    }
    const ours = median(samples["crunify check"].ms);
    console.log(`\nmedians of ${runs} runs (Node ${process.version}):`);
    for (const [name, s] of Object.entries(samples)) {
      const ms = median(s.ms);
      console.log(`  ${name.padEnd(26)} ${ms.toFixed(0).padStart(6)} ms   peak RSS ${median(s.rss).toFixed(0).padStart(4)} MB   crunify/this ${(ours / ms).toFixed(2)}`);
    }
    const naive = median(samples["naive parse-every-file"].ms);
    const rss = median(samples["crunify check"].rss);
    console.log(`target crunify <= 0.5x naive: ${ours / naive <= 0.5 ? "met" : "NOT met"} (${(ours / naive).toFixed(2)}x)`);
    const rssSmall = median(samples["crunify, semi-space 1 MB"].rss);
    console.log(`target peak RSS < 150 MB: ${rss < 150 ? "met" : "NOT met"} (${rss.toFixed(0)} MB; ${rssSmall.toFixed(0)} MB with --max-semi-space-size=1)`);
    if (hasAstGrep) {
      const sg = median(samples["ast-grep scan"].ms);
      console.log(`target crunify <= ast-grep: ${ours <= sg ? "met" : "NOT met"} (${(ours / sg).toFixed(2)}x)`);
    } else {
      console.log("ast-grep: skipped: @ast-grep/cli not installed (npm i -D -E @ast-grep/cli, then run again)");
    }
  } finally {
    if (process.argv.includes("--keep")) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

await main();
