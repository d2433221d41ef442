// Running the built CLI the way users do, on temp trees, and looking at what it left on disk.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";

export const ROOT = join(import.meta.dirname, "../..");
export const CLI = join(ROOT, "dist/bin/crunify.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface JsonFile {
  path: string;
  status: "changed" | "unchanged" | "skipped" | "error";
  reason?: string;
}

const ENV = { ...process.env, NO_COLOR: "1" };

export function crunify(cwd: string, ...args: string[]): CliResult {
  return crunifyWithEnv({}, cwd, ...args);
}

/** The same with more environment variables. */
export function crunifyWithEnv(env: Record<string, string>, cwd: string, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...ENV, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking the test process (it may need to act while the CLI runs). */
export function crunifyAsync(cwd: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: ENV });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** `crunify <mode> --json`: the exit code and the per-file statuses keyed by displayed path. */
export function crunifyJson(cwd: string, ...args: string[]) {
  const result = crunify(cwd, ...args, "--json");
  let report: { files: JsonFile[]; findings: { path: string; rule: string; fixable: boolean }[]; summary: Record<string, number> };
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new Error(`crunify ${args.join(" ")} printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  const files = Object.fromEntries(report.files.map((f) => [f.path, f]));
  return { code: result.code, report, files, stderr: result.stderr };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" });
}

/** Write `files` (rel path → content) into `dir`. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
}

const made: string[] = [];

/** A fresh temp folder, removed by removeTempDirs(). */
export function tempDir(prefix = "crunify-rel-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** For afterAll, once mounts and immutable flags are undone. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh git repository holding `files`, all committed. */
export function repo(files: Record<string, string | Buffer> = {}, prefix = "crunify-rel-"): string {
  const dir = tempDir(prefix);
  writeTree(dir, files);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "init", "--allow-empty");
  return dir;
}

/** rel path → sha256 of every regular file under `dir` (not .git, not following symlinks). */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name === ".git") continue;
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.set(relative(dir, p).split(sep).join("/"), createHash("sha256").update(readFileSync(p)).digest("hex"));
    }
  };
  walk(dir);
  return out;
}

/** Files crunify must never leave behind: its temp folders (temp files, locks) and the older temp/lock names. */
export function leftovers(dir: string): string[] {
  return [...snapshot(dir).keys()].filter((rel) => /(^|\/)\.crunify-tmp\/|\.crunify-\d+-\d+\.tmp$|\.crunify\.lock$/.test(rel));
}

export function modeOf(path: string): number {
  return statSync(path).mode & 0o7777;
}

export const EXECUTOR = `import docker


class Executor:
    def __init__(self, image):
        self.image = image

    def start(self):
        return docker.from_env().containers.create(self.image)
`;

const GENERATED: [string, string, string][] = [
  ["gen_docker_py", "python", "docker-py"],
  ["gen_docker_cli", "python", "docker-cli"],
  ["gen_dockerode", "typescript", "dockerode"],
];

/** The corpus: a temp folder holding a copy of fixtures/ and freshly generated environments (under generated/). */
export function corpusTree(prefix = "crunify-corpus-"): string {
  const dir = tempDir(prefix);
  // fixtures/execution is left out: test/execution.test.ts applies and runs each of those cases.
  const execution = join(ROOT, "fixtures/execution");
  cpSync(join(ROOT, "fixtures"), join(dir, "fixtures"), { recursive: true, filter: (src) => src !== execution });
  for (const [name, lang, executor] of GENERATED) {
    const made = crunify(dir, "new", name, "--lang", lang, "--executor", executor, "--dir", "generated", "--yes");
    // A corpus that shrinks silently proves less: a generator that fails is a failure here too.
    if (made.code !== 0) throw new Error(`corpus: 'crunify new ${name}' failed (exit ${made.code}): ${made.stderr.trim()}`);
  }
  return dir;
}
