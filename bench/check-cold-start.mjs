#!/usr/bin/env node
// Cold start of the pre-commit hook: `crunify check` of 10 staged Python files (one environment with a container site)
// against `node -e 0`, in fresh processes, interleaved, medians. Target (issue 7): at most 5x `node -e 0`.
// Run after `npm run build`:  node bench/check-cold-start.mjs [--runs 15]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../dist/bin/crunify.js", import.meta.url));
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

function filler(i) {
  return `"""Helpers for part ${i} of the environment."""
import json
from dataclasses import dataclass


@dataclass
class Record${i}:
    name: str
    score: float = 0.0

    def to_json(self) -> str:
        return json.dumps({"name": self.name, "score": self.score})


def parse_records_${i}(lines):
    out = []
    for line in lines:
        data = json.loads(line)
        out.append(Record${i}(data["name"], float(data.get("score", 0))))
    return out
`;
}

function makeRepo() {
  const root = mkdtempSync(join(tmpdir(), "crunify-cold-"));
  const env = join(root, "environments/cold_env");
  mkdirSync(env, { recursive: true });
  writeFileSync(join(env, "pyproject.toml"), '[project]\nname = "cold-env"\n');
  writeFileSync(
    join(env, "cold_env.py"),
    `from executor import Sandbox


def load_environment(image="busybox", **kwargs):
    return Sandbox(image)
`,
  );
  writeFileSync(
    join(env, "executor.py"),
    `import docker


class Sandbox:
    def __init__(self, image):
        self.image = image
        self.client = docker.from_env()

    def start(self):
        return self.client.containers.create(self.image, command="sleep infinity", detach=True)
`,
  );
  for (let i = 0; i < 8; i++) writeFileSync(join(env, `part_${i}.py`), filler(i));
  const git = (...args) =>
    execFileSync("git", args, {
      cwd: root,
      env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@b" },
    });
  git("init", "-q");
  git("add", "-A");
  const files = ["cold_env.py", "executor.py", ...Array.from({ length: 8 }, (_, i) => `part_${i}.py`)].map((f) => `environments/cold_env/${f}`);
  return { root, files };
}

function timeOnce(args, cwd) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status, stdout: String(r.stdout) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { root, files } = makeRepo();
try {
  const cases = {
    "node -e 0": ["-e", "0"],
    "check --staged": [CLI, "check", "--staged"],
    "check <10 files> (pre-commit)": [CLI, "check", ...files],
  };
  const probe = timeOnce(cases["check --staged"], root);
  if (probe.status !== 1 || !probe.stdout.includes("container-runtime")) {
    throw new Error(`check --staged did not report the site (exit ${probe.status}):\n${probe.stdout}`);
  }
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    const order = Object.keys(cases);
    if (i % 2) order.reverse();
    for (const name of order) samples[name].push(timeOnce(cases[name], root).ms);
  }
  const base = median(samples["node -e 0"]);
  console.log(`cold check of 10 staged Python files, ${RUNS} runs each, medians (Node ${process.version})`);
  for (const [name, xs] of Object.entries(samples)) {
    const m = median(xs);
    console.log(`  ${name.padEnd(32)} ${m.toFixed(0).padStart(5)} ms   ${(m / base).toFixed(2)}x node -e 0`);
  }
  const worst = Math.max(median(samples["check --staged"]), median(samples["check <10 files> (pre-commit)"]));
  console.log(`target <= 5x: ${worst / base <= 5 ? "met" : "NOT met"} (${(worst / base).toFixed(2)}x)`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
