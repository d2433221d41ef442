// Point 4 of the file-safety issue: option values are checked once, up front, as usage errors (exit 2, the flag
// named, nothing written): --param-name against every language of the run, `crunify new` names against the modules
// the generated code imports, numeric minimums. And the generated runtime-name checks refuse "crun\n".
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateParamName } from "../../codemods/model/param-name.js";
import { crunify, EXECUTOR, removeTempDirs, repo, ROOT, snapshot, tempDir } from "./cli-run.js";

afterAll(removeTempDirs);

const BOTH = ["python", "typescript"];

describe("validateParamName", () => {
  it.each([
    ["class", /keyword in Python.*reserved word in JavaScript/],
    ["lambda", /keyword in Python/],
    ["None", /built-in constant in Python/],
    ["True", /built-in constant in Python/],
    ["__debug__", /built-in constant in Python/],
    ["this", /reserved word in JavaScript/],
    ["arguments", /strict mode/],
    ["eval", /strict mode/],
    ["await", /keyword in Python.*strict mode/],
    ["yield", /keyword in Python.*strict mode/],
    ["static", /strict mode/],
    ["undefined", /global constant/],
    ["NaN", /global constant/],
    ["a-b", /not an identifier in Python and TypeScript/],
    ["1st", /not an identifier/],
    ["$rt", /not an identifier in Python$/],
    ["ﬁle", /read by Python as 'file'/],
    ["", /empty/],
  ])("%j is refused for Python and TypeScript", (name, reason) => {
    expect(validateParamName(name, BOTH)).toMatch(reason);
  });

  it.each(["runtime", "oci_runtime", "_rt", "match", "type", "kwargs", "runtimeName"])("%j is accepted", (name) => {
    expect(validateParamName(name, BOTH)).toBeNull();
  });

  it("checks only the languages of the run", () => {
    expect(validateParamName("$rt", ["typescript"])).toBeNull();
    expect(validateParamName("lambda", ["typescript"])).toBeNull();
    expect(validateParamName("lambda", ["python"])).toMatch(/keyword/);
  });
});

describe("usage errors up front: exit 2, the flag named on the first stderr line, nothing written", () => {
  // audit takes no naming options: its table does not depend on them.
  for (const command of [["apply"], ["check"], ["check", "--fix"], ["readme", "."]]) {
    it.each(["class", "None", "arguments", "await"])(`crunify ${command.join(" ")} --param-name %s`, (name) => {
      const dir = repo({ "pkg/executor.py": EXECUTOR, "README.md": "# x\n" });
      const before = snapshot(dir);
      const result = crunify(dir, ...command, "--param-name", name);
      expect(result.code).toBe(2);
      expect(result.stderr.split("\n")[0]).toContain(`--param-name '${name}'`);
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it.each([
    [["docker"], /^crunify new: environment name "docker": it would shadow the Python package 'docker'/],
    [["verifiers"], /^crunify new: environment name "verifiers": it would shadow/],
    [["test"], /environment name "test": it would shadow Python's own test package/],
    [["json"], /environment name "json": it would shadow the Python standard library module 'json'/],
    [["asyncio", "--lang", "typescript"], /shadow the Python standard library module 'asyncio'/],
    [["dockerode", "--lang", "typescript"], /shadow the npm package 'dockerode'/],
    [["ok-env", "--memory-gb", "1e-300"], /^crunify new: --memory-gb "1e-300": at least 0\.01/],
    [["ok-env", "--cpu-cores", "0.001"], /^crunify new: --cpu-cores "0\.001": at least 0\.01/],
    [["ok-env", "--command-timeout", "0.5"], /^crunify new: --command-timeout "0\.5": must be a whole number/],
  ])("crunify new %j", (args, message) => {
    const dir = tempDir("crunify-new-");
    const result = crunify(dir, "new", ...args, "--yes");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(dir, "environments"))).toBe(false);
  });

  it("the smallest CPU and memory are accepted and render non-zero limits", () => {
    const dir = tempDir("crunify-new-");
    const result = crunify(dir, "new", "tiny-env", "--cpu-cores", "0.01", "--memory-gb", "0.01", "--yes");
    expect(result.code, result.stderr).toBe(0);
    const executor = readFileSync(join(dir, "environments/tiny-env/tiny_env/docker_executor.py"), "utf8");
    expect(executor).toMatch(/cpu_cores: float = 0\.01,/);
    // What docker-py is given: nano_cpus=int(cpu_cores * 1e9), mem_limit=int(memory_gb * 1024**3); Docker's floors.
    const limits = spawnSync("/usr/bin/python3", ["-c", "print(int(0.01 * 1e9), int(0.01 * 1024**3))"], { encoding: "utf8" });
    const [nano, mem] = limits.stdout.trim().split(" ").map(Number);
    expect(nano).toBeGreaterThanOrEqual(1e7);
    expect(mem).toBeGreaterThanOrEqual(6 * 1024 * 1024);
  });
});

describe("the generated runtime-name checks refuse a trailing newline", () => {
  it("Python: check_runtime_name('crun\\n') raises, 'crun' passes", () => {
    const dir = tempDir("crunify-new-");
    expect(crunify(dir, "new", "name-env", "--executor", "docker-cli", "--yes").code).toBe(0);
    const probe = [
      "from name_env.docker_executor import check_runtime_name",
      "assert check_runtime_name('crun') == 'crun'",
      "for bad in ('crun\\n', 'crun\\nx', '-crun', ''):",
      "    try:",
      "        check_runtime_name(bad)",
      "    except ValueError:",
      "        continue",
      "    raise SystemExit(f'accepted {bad!r}')",
    ].join("\n");
    const run = spawnSync("/usr/bin/python3", ["-B", "-c", probe], {
      cwd: join(dir, "environments/name-env"),
      env: { PYTHONPATH: `${join(ROOT, "fixtures/verifiers-stub")}:${join(dir, "environments/name-env")}` },
      encoding: "utf8",
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
  });

  it("TypeScript: the RUNTIME_NAME pattern has no multiline flag, so 'crun\\n' does not match", () => {
    const dir = tempDir("crunify-new-");
    expect(crunify(dir, "new", "name-env", "--lang", "typescript", "--yes").code).toBe(0);
    const source = readFileSync(join(dir, "environments/name-env/src/docker-executor.ts"), "utf8");
    const literal = /const RUNTIME_NAME = \/(.+)\/([a-z]*);/.exec(source);
    expect(literal).not.toBeNull();
    const pattern = new RegExp(literal![1]!, literal![2]);
    expect(pattern.test("crun")).toBe(true);
    expect(["crun\n", "crun\nx", "-crun", ""].filter((bad) => pattern.test(bad))).toEqual([]);
  });
});
