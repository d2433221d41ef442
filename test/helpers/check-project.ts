// A small project on disk for the check tests: one Python environment (the terminal-bench fixture package, a README
// without the runtime, and a container kept on runc by an ignore comment), and the built CLI to run against it.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const CLI = join(REPO, "dist/bin/crunify.js");

export const LEGACY_PY = `import docker


class LegacyExecutor:
    def __init__(self, image):
        self.image = image

    def start(self):
        # crunify: ignore[container-runtime]
        return docker.from_env().containers.run(self.image, detach=True)
`;

export const README_MD = `# terminal-bench

## Overview

Runs shell tasks in a container.

## Environment Arguments

| Arg | Type | Default | Description |
| --- | ---- | ------- | ----------- |
| \`image\` | str | \`"python:3.11-slim"\` | Image for the sandbox |
`;

/** A loose file outside any environment, with one unwired site. */
export const LOOSE_PY = `import docker


def probe():
    docker.from_env().containers.create("busybox", command="true")
`;

export function makeProject(): string {
  const root = mkdtempSync(join(tmpdir(), "crunify-check-"));
  const env = join(root, "environments/terminal_bench");
  mkdirSync(dirname(env), { recursive: true });
  cpSync(join(REPO, "fixtures/codemods/python/terminal-bench-package/input"), env, { recursive: true });
  writeFileSync(join(env, "legacy.py"), LEGACY_PY);
  writeFileSync(join(env, "README.md"), README_MD);
  mkdirSync(join(root, "scripts"));
  writeFileSync(join(root, "scripts/probe.py"), LOOSE_PY);
  return root;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function crunify(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run a command, failing loudly with its output. */
export function sh(cwd: string, command: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const GIT_ENV = {
  GIT_AUTHOR_NAME: "crunify test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "crunify test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

export function git(cwd: string, ...args: string[]): string {
  const r = sh(cwd, "git", args, GIT_ENV);
  if (r.code !== 0) throw new Error(`git ${args.join(" ")} failed in ${cwd}: ${r.stderr}`);
  return r.stdout;
}
