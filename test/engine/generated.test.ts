// Generated environments on the real private engines: the executor each generator emits creates containers whose
// HostConfig.Runtime is crun (or runc when asked); on the engine without crun it warns once and uses runc, and with
// fallback off it fails with an error that names the runtime and how to register it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { IMAGE, SYSTEM_PYTHON, describeEngine, dockerHost, engineClient, inspectRuntime, nocrunDockerHost, removeContainers, runPython } from "../helpers/engine.js";

const REPO = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const CLI = join(REPO, "dist/bin/crunify.js");
const STUB = join(REPO, "fixtures/verifiers-stub");
const PYTHON_KINDS = [
  { executor: "docker-py", name: "eng-py" },
  { executor: "docker-cli", name: "eng-cli" },
] as const;

let dest = "";
const created: { id: string; host: string }[] = [];

function sh(cmd: string, args: string[], env: Record<string, string> = {}, cwd?: string) {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 180_000 });
  return { status: r.status ?? -1, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ?? ""}` };
}

/** Python run against one engine: creates containers with the generated executor, reports ids, warnings, errors. */
function pythonScenario(pkg: string, host: string, scenario: string): Record<string, unknown> {
  const script = `
import asyncio, json, logging
from ${pkg}.docker_executor import DockerExecutor, RuntimeUnavailableError
warnings = []
class Collect(logging.Handler):
    def emit(self, record): warnings.append(record.getMessage())
logging.getLogger("${pkg}.docker_executor").addHandler(Collect())
def executor(**kw):
    return DockerExecutor(default_image=${JSON.stringify(IMAGE)}, cpu_cores=1, memory_gb=1, network_mode="none", **kw)
async def main():
    out = {}
${scenario}
    out["warnings"] = warnings
    print(json.dumps(out))
asyncio.run(main())
`;
  const result = runPython(script, { DOCKER_HOST: host, PYTHONPATH: `${STUB}:${join(dest, "environments", pkg.replace(/_/g, "-"))}` });
  expect(result.stderr.replace(/.*DeprecationWarning.*\n.*\n/g, "")).not.toMatch(/Traceback/);
  expect(result.status).toBe(0);
  const out = JSON.parse(result.stdout.trim().split("\n").pop()!);
  for (const id of (out.ids as string[] | undefined) ?? []) created.push({ id, host });
  return out;
}

describeEngine("generated environments on the engine", () => {
  beforeAll(() => {
    dest = mkdtempSync(join(tmpdir(), "crunify-gen-engine-"));
    for (const { executor, name } of PYTHON_KINDS) {
      expect(sh(process.execPath, [CLI, "new", name, "--executor", executor, "--image", IMAGE, "--cpu-cores", "1", "--yes"], {}, dest).status).toBe(0);
    }
    expect(sh(process.execPath, [CLI, "new", "eng-ts", "--lang", "typescript", "--image", IMAGE, "--cpu-cores", "1", "--yes"], {}, dest).status).toBe(0);
    symlinkSync(join(REPO, "node_modules"), join(dest, "node_modules"));
    const tsc = sh(process.execPath, [join(REPO, "node_modules/typescript/bin/tsc"), "-p", join(dest, "environments/eng-ts/tsconfig.json")]);
    expect(tsc.out).toBe("");
  }, 180_000);

  afterAll(async () => {
    for (const host of new Set(created.map((c) => c.host))) {
      await removeContainers(created.filter((c) => c.host === host).map((c) => c.id), host);
    }
    if (dest) rmSync(dest, { recursive: true, force: true });
  });

  for (const { executor, name } of PYTHON_KINDS) {
    const pkg = name.replace(/-/g, "_");

    it(`python ${executor}: crun by default, runc when asked`, async () => {
      const out = pythonScenario(pkg, dockerHost(), `
    ids = []
    for runtime in ["crun", "runc"]:
        ex = executor(runtime=runtime)
        cid = await ex.create()
        ids.append(cid)
        result = await ex.exec(cid, "echo hello")
        out[runtime] = {"exit": result.exit_code, "output": result.output}
    out["ids"] = ids`);
      const [crunId, runcId] = out.ids as string[];
      expect(await inspectRuntime(crunId!)).toBe("crun");
      expect(await inspectRuntime(runcId!)).toBe("runc");
      expect(out.crun).toMatchObject({ exit: 0, output: expect.stringContaining("hello") });
      expect(out.warnings).toEqual([]);
    });

    it(`python ${executor}: without crun on the engine, one warning and runc; fallback off raises`, async () => {
      const out = pythonScenario(pkg, nocrunDockerHost(), `
    out["ids"] = [await executor().create(), await executor().create()]
    try:
        await executor(runtime_fallback=False).create()
        out["error"] = None
    except RuntimeUnavailableError as error:
        out["error"] = str(error)`);
      for (const id of out.ids as string[]) expect(await inspectRuntime(id, nocrunDockerHost())).toBe("runc");
      expect(out.warnings).toHaveLength(1);
      expect(String((out.warnings as string[])[0])).toMatch(/'crun' is not registered.*runc/);
      expect(out.error).toMatch(/'crun'.*daemon\.json.*restart/);
    });

    it(`python ${executor}: the generated pytest suite passes with its engine tests running`, () => {
      const r = sh(SYSTEM_PYTHON, ["-B", "-m", "pytest", "-q", "-p", "no:cacheprovider"], {
        DOCKER_HOST: dockerHost(),
        PYTHONPATH: STUB,
        DOCKER_EXECUTOR_TEST_IMAGE: IMAGE,
        DOCKER_EXECUTOR_TEST_NETWORK: "none",
      }, join(dest, "environments", name));
      expect(r.out).toMatch(/\b9 passed\b/);
      expect(r.out).not.toMatch(/skipped/);
      expect(r.status).toBe(0);
    });
  }

  it("typescript dockerode: crun by default, runc when asked; one warning and runc without crun; fallback off throws", async () => {
    const mod = await import(pathToFileURL(join(dest, "environments/eng-ts/dist/src/docker-executor.js")).href);
    const make = (host: string, options: Record<string, unknown> = {}) =>
      new mod.DockerExecutor({ docker: engineClient(host), defaultImage: IMAGE, cpuCores: 1, memoryGb: 1, networkMode: "none", ...options });

    for (const runtime of ["crun", "runc"]) {
      const id: string = await make(dockerHost(), { runtime }).create();
      created.push({ id, host: dockerHost() });
      expect(await inspectRuntime(id)).toBe(runtime);
    }
    const warnings: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id: string = await make(nocrunDockerHost(), { warn: (m: string) => warnings.push(m) }).create();
      created.push({ id, host: nocrunDockerHost() });
      expect(await inspectRuntime(id, nocrunDockerHost())).toBe("runc");
    }
    expect(warnings).toHaveLength(1);
    await expect(make(nocrunDockerHost(), { runtimeFallback: false }).create()).rejects.toThrow(/"crun".*daemon\.json.*restart/);
  });

  it("typescript dockerode: the generated vitest suite passes with its engine tests running", () => {
    const envDir = join(dest, "environments/eng-ts");
    const r = sh(process.execPath, [join(REPO, "node_modules/vitest/vitest.mjs"), "run", "--root", envDir], {
      DOCKER_HOST: dockerHost(),
      DOCKER_EXECUTOR_TEST_IMAGE: IMAGE,
      DOCKER_EXECUTOR_TEST_NETWORK: "none",
      NO_COLOR: "1",
    }, envDir);
    expect(r.out).toMatch(/Tests\s+10 passed/);
    expect(r.status).toBe(0);
  });
});

