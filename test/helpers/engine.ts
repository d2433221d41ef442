// What engine tests use: the private engines from the global setup (test/setup/engine-global.ts), and small tools around them.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import Docker from "dockerode";
import { describe, inject } from "vitest";
import type { EngineContext } from "../setup/engine-context.js";
import "../setup/engine-context.js";

/** Debian's python3 with docker-py; the python3 first on PATH may be another build without it. */
export const SYSTEM_PYTHON = "/usr/bin/python3";

function context(): EngineContext {
  const provided = inject("crunifyEngine");
  if (provided) return provided;
  // Without the global setup (e.g. another config), trust the environment.
  const dockerHost = process.env.CRUNIFY_DOCKER_HOST ?? "";
  return {
    available: dockerHost !== "",
    reason: dockerHost ? "" : "CRUNIFY_DOCKER_HOST is unset and the global setup did not run",
    dockerHost,
    nocrunDockerHost: process.env.CRUNIFY_NOCRUN_DOCKER_HOST ?? "",
    image: process.env.CRUNIFY_IMAGE ?? "crunify-busybox:latest",
  };
}

export const engineAvailable = (): boolean => context().available;
export const engineSkipReason = (): string => context().reason;
/** `describe` when the private engine runs, else `describe.skip` (the global setup printed why). */
export const describeEngine = engineAvailable() ? describe : describe.skip;
/** unix:// URL of the engine with crun registered. */
export const dockerHost = (): string => context().dockerHost;
/** unix:// URL of the engine without crun (containers asking for crun fail with "Unknown runtime specified crun"). */
export const nocrunDockerHost = (): string => context().nocrunDockerHost;
/** Local busybox image on both engines: has sh, true, sleep, tail. Containers need NetworkMode "none". */
export const IMAGE: string = context().image;

/** A dockerode client for one of the private engines (default: the one with crun). */
export function engineClient(host: string = dockerHost()): Docker {
  return new Docker({ socketPath: host.replace(/^unix:\/\//, "") });
}

/** HostConfig.Runtime of a container, as the engine recorded it. */
export async function inspectRuntime(containerIdOrName: string, host: string = dockerHost()): Promise<string | undefined> {
  const inspected = await engineClient(host).getContainer(containerIdOrName).inspect();
  return inspected.HostConfig.Runtime;
}

/** Force-remove containers, ignoring ones already gone. */
export async function removeContainers(ids: string[], host: string = dockerHost()): Promise<void> {
  const docker = engineClient(host);
  await Promise.all(ids.map((id) => docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
}

export interface PythonResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs Python with DOCKER_HOST set to the crun engine (override in `env`). `script` is either the path of an existing
 * `.py` file or Python source. Never throws for a failing script: check `status`.
 */
export function runPython(script: string, env: Record<string, string> = {}, options: { cwd?: string; args?: string[]; timeoutMs?: number } = {}): PythonResult {
  const isFile = script.endsWith(".py") && !script.includes("\n") && existsSync(script);
  const argv = isFile ? [script, ...(options.args ?? [])] : ["-c", script, ...(options.args ?? [])];
  const result = spawnSync(SYSTEM_PYTHON, argv, {
    cwd: options.cwd,
    env: { ...process.env, DOCKER_HOST: dockerHost(), ...env },
    encoding: "utf8",
    timeout: options.timeoutMs ?? 60_000,
  });
  return {
    status: result.status ?? (result.error ? 127 : 1),
    stdout: result.stdout ?? "",
    stderr: (result.stderr ?? "") + (result.error ? String(result.error) : ""),
  };
}

const CLI = new URL("../../dist/bin/crunify.js", import.meta.url).pathname;

/** Runs the BUILT CLI (`node dist/bin/crunify.js`; build first with `npm run build`) against an engine. */
export function runCli(
  args: string[],
  host: string = dockerHost(),
  options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): PythonResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with npm run build`);
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, DOCKER_HOST: host },
    encoding: "utf8",
    timeout: options.timeoutMs ?? 120_000,
  });
  return { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: (result.stderr ?? "") + (result.error ? String(result.error) : "") };
}
