#!/usr/bin/env node
// Times the TypeScript codemod's check (transform, no writes) over a large synthetic TS tree and prints files/s and MB/s.
// Build first: `npm run build`, then `node bench/ts-check-bench.mjs [--envs 100] [--files-per-env 20]`.
// Each environment: a dockerode sandbox class, a docker CLI helper, a shell-string runner, loadEnvironment, and filler
// modules that never mention docker (what most of a real tree looks like). The tree is written to a temp dir and removed.
import { existsSync } from "node:fs";
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";

const DIST = new URL("../dist/codemods/languages/typescript/index.js", import.meta.url);
const OPTIONS = { runtimeDefault: "crun", paramName: "runtime", thirdParty: [{ module: "@e2b/code-interpreter", reason: "uses {name}" }] };

function arg(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

const sandbox = (i) => `import Docker from "dockerode";

export class DockerSandbox${i} {
  private readonly docker = new Docker();

  constructor(private readonly image: string, private readonly memoryGb = 4) {}

  async start(): Promise<string> {
    const container = await this.docker.createContainer({
      Image: this.image,
      Cmd: ["sleep", "infinity"],
      HostConfig: { Memory: this.memoryGb * 1024 ** 3 },
    });
    await container.start();
    return container.id;
  }
}
`;

const cli = () => `import { spawn } from "node:child_process";

export function startDetached(image: string, name: string) {
  return spawn("docker", ["run", "-d", "--name", name, image, "sleep", "infinity"]);
}
`;

const shell = () => `import { exec } from "node:child_process";

export function warm(image: string) {
  exec(\`docker run --rm \${image} true\`);
}
`;

const index = (i) => `import { DockerSandbox${i} } from "./sandbox.js";
import { startDetached } from "./cli.js";
import { warm } from "./shell.js";

export interface EnvOptions {
  image?: string;
}

export function loadEnvironment(options: EnvOptions = {}) {
  const image = options.image ?? "python:3.11-slim";
  warm(image);
  startDetached(image, "rollout");
  return new DockerSandbox${i}(image);
}
`;

// Ordinary code: types, a class, a few functions, ~3 KB.
const filler = (i, j) => `// Reward helpers ${i}.${j}
export interface Sample${j} {
  id: string;
  prompt: string;
  answer: string;
  score?: number;
}

export class Scorer${j} {
  private readonly seen = new Map<string, number>();

  constructor(private readonly weight: number = ${j + 1}) {}

  score(sample: Sample${j}): number {
    const previous = this.seen.get(sample.id) ?? 0;
    const exact = sample.answer.trim() === sample.prompt.trim() ? 1 : 0;
    const length = Math.min(1, sample.answer.length / 400);
    const value = (exact * 0.7 + length * 0.3) * this.weight + previous * 0.01;
    this.seen.set(sample.id, value);
    return value;
  }
}

export function normalize${j}(text: string): string {
  return text
    .toLowerCase()
    .replace(/\\s+/g, " ")
    .split(" ")
    .filter((word) => word.length > 0)
    .join(" ");
}

export async function batch${j}(samples: Sample${j}[], scorer = new Scorer${j}()): Promise<number[]> {
  const results: number[] = [];
  for (const sample of samples) {
    results.push(scorer.score({ ...sample, answer: normalize${j}(sample.answer) }));
  }
  return results;
}

export const table${j} = [${Array.from({ length: 40 }, (_, k) => `{ key: "k${k}", value: ${k * j} }`).join(", ")}];
`;

async function generate(root, envs, filesPerEnv) {
  for (let i = 0; i < envs; i++) {
    const dir = join(root, `env-${i}`);
    await mkdir(join(dir, "lib"), { recursive: true });
    await writeFile(join(dir, "sandbox.ts"), sandbox(i));
    await writeFile(join(dir, "cli.ts"), cli());
    await writeFile(join(dir, "shell.ts"), shell());
    await writeFile(join(dir, "index.ts"), index(i));
    for (let j = 0; j < filesPerEnv - 4; j++) await writeFile(join(dir, "lib", `scorer-${j}.ts`), filler(i, j));
  }
}

async function readGroup(dir) {
  const files = [];
  const walk = async (d) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push({ path, rel: relative(dir, path).split("\\").join("/"), text: await readFile(path, "utf8") });
    }
  };
  await walk(dir);
  return files;
}

async function main() {
  if (!existsSync(DIST)) {
    process.stderr.write(`ts-check-bench: ${DIST.pathname} is missing; run \`npm run build\` first\n`);
    return 2;
  }
  const envs = arg("--envs", 100);
  const filesPerEnv = arg("--files-per-env", 20);
  const root = await mkdtemp(join(tmpdir(), "crunify-ts-bench-"));
  try {
    await generate(root, envs, filesPerEnv);
    const groups = await Promise.all((await readdir(root)).map((name) => readGroup(join(root, name))));
    const files = groups.flat();
    const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);

    const importStart = performance.now();
    const { typescriptCodemod } = await import(DIST.href);
    const importMs = performance.now() - importStart;

    const run = async () => {
      const start = performance.now();
      let findings = 0;
      let candidates = 0;
      for (const group of groups) {
        candidates += group.filter((f) => typescriptCodemod.mightMatter(f.text)).length;
        findings += (await typescriptCodemod.transform(group, OPTIONS)).findings.length;
      }
      return { ms: performance.now() - start, findings, candidates };
    };
    const cold = await run(); // includes loading ts-morph
    const warm = await run();

    const line = (label, r) =>
      `${label.padEnd(5)} ${(r.ms / 1000).toFixed(2)} s  ${((files.length / r.ms) * 1000).toFixed(0)} files/s  ` +
      `${(bytes / 1e6 / (r.ms / 1000)).toFixed(2)} MB/s`;
    process.stdout.write(
      [
        `tree: ${files.length} files in ${groups.length} environments, ${(bytes / 1e6).toFixed(2)} MB, ` +
          `${cold.candidates} candidate files, ${cold.findings} findings (${envs * 3} container sites)`,
        `import index.js: ${importMs.toFixed(1)} ms (ts-morph not loaded yet)`,
        line("cold", cold) + "  (first run loads ts-morph)",
        line("warm", warm),
      ].join("\n") + "\n",
    );
    return 0;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().then((code) => (process.exitCode = code));
