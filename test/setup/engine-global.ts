// vitest global setup: make sure the private Docker engines of fixtures/runtime/provision.sh run, once per test run.
// CRUNIFY_DOCKER_HOST set: use that engine as is. Root on Linux: take a lease (provision.sh starts the engines if needed,
// and the last test run out stops them if a test run started them). Otherwise: use the engines of the state dir's env
// file if they run. No engine: CI=true fails the run; elsewhere one loud line and the engine tests skip.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import type { TestProject } from "vitest/node";
import type { EngineContext } from "./engine-context.js";
import "./engine-context.js";

const PROVISION = fileURLToPath(new URL("../../fixtures/runtime/provision.sh", import.meta.url));
const STATE_DIR = process.env.CRUNIFY_ENGINE_DIR ?? "/tmp/crunify-engine";
const DEFAULT_IMAGE = "crunify-busybox:latest";

interface Hosts {
  dockerHost: string;
  nocrunDockerHost: string;
  image: string;
}

/** `export KEY=value` lines written by provision.sh. */
function readEnvFile(): Record<string, string> {
  try {
    const entries = readFileSync(`${STATE_DIR}/env`, "utf8")
      .split("\n")
      .map((line) => line.replace(/^export\s+/, "").trim())
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const);
    return Object.fromEntries(entries);
  } catch {
    return {};
  }
}

function candidateHosts(): Hosts | null {
  const file = readEnvFile();
  const dockerHost = process.env.CRUNIFY_DOCKER_HOST ?? file.CRUNIFY_DOCKER_HOST;
  const nocrunDockerHost = process.env.CRUNIFY_NOCRUN_DOCKER_HOST ?? file.CRUNIFY_NOCRUN_DOCKER_HOST;
  if (!dockerHost || !nocrunDockerHost) return null;
  return { dockerHost, nocrunDockerHost, image: process.env.CRUNIFY_IMAGE ?? file.CRUNIFY_IMAGE ?? DEFAULT_IMAGE };
}

/** Null when both engines answer, have the image, and only the first knows crun; else the reason. */
async function whyNotUsable(hosts: Hosts): Promise<string | null> {
  for (const [host, wantsCrun] of [[hosts.dockerHost, true], [hosts.nocrunDockerHost, false]] as const) {
    if (!host.startsWith("unix://")) return `${host} is not a unix:// socket`;
    const docker = new Docker({ socketPath: host.slice("unix://".length) });
    try {
      const info = (await docker.info()) as { Runtimes?: Record<string, unknown> };
      if (Boolean(info.Runtimes?.crun) !== wantsCrun) return `${host} ${wantsCrun ? "lacks" : "has"} the crun runtime`;
      await docker.getImage(hosts.image).inspect();
    } catch (error) {
      return `${host}: ${(error as Error).message}`;
    }
  }
  return null;
}

function runProvision(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", [PROVISION, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ code: 127, output: String(error) }));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The line of provision.sh output that says why it failed. */
function provisionFailure(output: string): string {
  const lines = output.trim().split("\n");
  return lines.reverse().find((line) => line.includes("ERROR")) ?? lines[0] ?? "no output";
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let leased = false;
  let hosts = candidateHosts();
  let reason: string | null;

  if (process.env.CRUNIFY_DOCKER_HOST) {
    // An engine named explicitly (e.g. by .ci/run) is used as it is, never started or stopped here.
    reason = hosts ? await whyNotUsable(hosts) : "CRUNIFY_NOCRUN_DOCKER_HOST is unset";
  } else if (process.platform === "linux" && process.getuid?.() === 0) {
    // A lease starts the engines if needed; concurrent test runs share them and the last one out stops them,
    // unless they were started outside the tests (plain `provision.sh up`).
    const lease = await runProvision(["lease", String(process.pid)]);
    leased = true;
    hosts = candidateHosts();
    if (lease.code !== 0) reason = `${PROVISION} up failed: ${provisionFailure(lease.output)}`;
    else reason = hosts ? await whyNotUsable(hosts) : "provision.sh wrote no env file";
  } else {
    reason = hosts ? await whyNotUsable(hosts) : "no running engine";
    if (reason) {
      reason =
        process.platform !== "linux"
          ? `engine tests need Linux (this is ${process.platform})`
          : `engine tests need a running private engine (${reason}); start it as root: sudo ${PROVISION} up`;
    }
  }

  const context: EngineContext = {
    available: reason === null,
    reason: reason ?? "",
    dockerHost: hosts?.dockerHost ?? "",
    nocrunDockerHost: hosts?.nocrunDockerHost ?? "",
    image: hosts?.image ?? DEFAULT_IMAGE,
  };
  const release = async () => {
    if (!leased || process.env.CRUNIFY_KEEP_ENGINE === "1") return;
    leased = false;
    const result = await runProvision(["release", String(process.pid)]);
    if (result.code !== 0) console.warn(`crunify: ${PROVISION} release failed: ${provisionFailure(result.output)}`);
  };
  if (!context.available) {
    await release();
    if (process.env.CI === "true") throw new Error(`crunify engine unavailable in CI: ${context.reason}`);
    console.warn(`\n!!! crunify: ENGINE TESTS SKIPPED: ${context.reason} !!!\n`);
  } else {
    // Workers and the processes tests spawn inherit these.
    process.env.CRUNIFY_DOCKER_HOST = context.dockerHost;
    process.env.CRUNIFY_NOCRUN_DOCKER_HOST = context.nocrunDockerHost;
    process.env.CRUNIFY_IMAGE = context.image;
  }
  project.provide("crunifyEngine", context);
  return release;
}
