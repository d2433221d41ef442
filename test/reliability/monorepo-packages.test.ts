// A monorepo's npm workspaces are packages of their own: the OciRuntime type a file needs comes from its own package,
// never through `../../../apps/...` into another one (trigger.dev's CLI imported it from the supervisor app's types).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { crunify, removeTempDirs, repo } from "./cli-run.js";

afterAll(removeTempDirs);

const FILES = {
  "package.json": JSON.stringify({ name: "mono", private: true, workspaces: ["apps/*", "packages/*"] }),
  "apps/server/package.json": JSON.stringify({ name: "server", type: "module" }),
  "apps/server/src/types.ts": "export interface RunnerOptions {\n  image: string;\n}\n",
  "apps/server/src/runner.ts": [
    'import Docker from "dockerode";',
    'import type { RunnerOptions } from "./types.js";',
    "",
    "export class Runner {",
    "  private readonly docker = new Docker();",
    "",
    "  constructor(private readonly options: RunnerOptions) {}",
    "",
    "  async start() {",
    "    const container = await this.docker.createContainer({ Image: this.options.image });",
    "    await container.start();",
    "  }",
    "}",
    "",
  ].join("\n"),
  "packages/cli/package.json": JSON.stringify({ name: "cli", type: "module" }),
  "packages/cli/src/qemu.ts": [
    'import { execa } from "execa";',
    "",
    "export async function registerQemu(): Promise<void> {",
    '  await execa("docker", ["run", "--rm", "--privileged", "multiarch/qemu-user-static", "--reset"]);',
    "}",
    "",
  ].join("\n"),
};

describe("a monorepo of npm packages", () => {
  it("declares OciRuntime once per package and imports it only from inside the package", () => {
    const dir = repo(FILES);
    const result = crunify(dir, "apply", ".");
    expect(result.code, result.stderr).toBe(0);
    const server = readFileSync(join(dir, "apps/server/src/types.ts"), "utf8");
    const runner = readFileSync(join(dir, "apps/server/src/runner.ts"), "utf8");
    expect(runner).toContain('HostConfig: { Runtime: this.options.runtime ?? "crun" }');
    const cli = readFileSync(join(dir, "packages/cli/src/qemu.ts"), "utf8");
    expect(server).toContain('export type OciRuntime = "crun" | "runc" | (string & {});');
    // The CLI package gets a type of its own, not an import that climbs into apps/server.
    expect(cli).not.toContain("apps/server");
    expect(cli).toContain('export type OciRuntime = "crun" | "runc" | (string & {});');
    expect(cli).toContain('["run", "--runtime", runtime, "--rm"');
  });
});
