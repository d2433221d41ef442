#!/usr/bin/env node
// Reproducible crun-vs-runc engine benchmark on crunify's PRIVATE engine (not timed by CI).
//
// How to reproduce (Debian 12, as root):
//   sudo fixtures/runtime/provision.sh up     # installs docker.io crun runc busybox-static, fixes the hybrid-cgroup trap,
//                                             # starts dockerd on /tmp/crunify-engine/docker.sock with crun registered
//   npm run build                             # builds dist/
//   node bench/engine-bench.mjs               # = DOCKER_HOST=unix:///tmp/crunify-engine/docker.sock
//                                             #   node dist/bin/crunify.js bench --iterations 20
//   node bench/engine-bench.mjs --write README.md   # extra arguments go to `crunify bench`
//   sudo fixtures/runtime/provision.sh down   # stops the private engines and removes /tmp/crunify-engine
//
// The engine location follows CRUNIFY_ENGINE_DIR (default /tmp/crunify-engine), read from the env file provision.sh writes.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const stateDir = process.env.CRUNIFY_ENGINE_DIR ?? "/tmp/crunify-engine";
const envFile = `${stateDir}/env`;
const cli = `${root}dist/bin/crunify.js`;

if (!existsSync(envFile)) {
  console.error(`engine-bench: ${envFile} not found; start the private engine first: sudo ${root}fixtures/runtime/provision.sh up`);
  process.exit(1);
}
if (!existsSync(cli)) {
  console.error(`engine-bench: ${cli} not found; build first: npm run build`);
  process.exit(1);
}
const vars = Object.fromEntries(
  readFileSync(envFile, "utf8")
    .split("\n")
    .map((line) => line.replace(/^export\s+/, "").trim())
    .filter((line) => line.includes("="))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);
const args = ["bench", "--iterations", "20", "--image", vars.CRUNIFY_IMAGE ?? "crunify-busybox:latest", ...process.argv.slice(2)];
console.error(`engine-bench: DOCKER_HOST=${vars.CRUNIFY_DOCKER_HOST} node dist/bin/crunify.js ${args.join(" ")}`);
const result = spawnSync(process.execPath, [cli, ...args], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, DOCKER_HOST: vars.CRUNIFY_DOCKER_HOST },
});
process.exit(result.status ?? 1);
