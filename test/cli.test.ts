// The CLI contract (apply / check / audit), run as users run it: the built binary on real files in a temp git repo.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "./helpers/temp.js";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "dist/bin/crunify.js");
const EXAMPLE = join(ROOT, "fixtures/example-repo");
const VERSION = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;
/** No engine answers here: a command that reached Docker would fail with exit 1, not 2. */
const NO_ENGINE = { DOCKER_HOST: "unix:///nonexistent/docker.sock" };

function crunify(cwd: string, ...args: string[]) {
  return crunifyWith({}, cwd, ...args);
}

function crunifyWith(env: Record<string, string>, cwd: string, ...args: string[]) {
  const base = { ...process.env, ...NO_ENGINE };
  delete base.FORCE_COLOR;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...base, NO_COLOR: "1", ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" });
}

/** A fresh git repository holding `files` (rel path → content), all committed. */
function repo(files: Record<string, string | Buffer> = {}, copyExample = false): string {
  const dir = tempDir("crunify-cli-");
  if (copyExample) cpSync(EXAMPLE, dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "init", "--allow-empty");
  return dir;
}

const EXECUTOR = `import docker


class Executor:
    def __init__(self, image):
        self.image = image

    def start(self):
        return docker.from_env().containers.create(self.image)
`;

beforeAll(() => {
  expect(statSync(CLI).isFile(), "run `npm run build` first").toBe(true);
});

describe("crunify apply / check / audit on the example repo", () => {
  it("check finds what is missing, apply wires it, check is then clean, a second apply changes nothing", () => {
    const dir = repo({}, true);
    const before = crunify(dir, "check");
    expect(before.code).toBe(1);
    const lines = before.stdout.trim().split("\n");
    for (const line of lines) expect(line).toMatch(/^[^\s:]+:\d+:\d+: error: [a-z-]+ .+/);
    expect(before.stdout).toContain("container-runtime");
    expect(before.stdout).toContain("load-environment-runtime");
    expect(before.stdout).toContain("readme-runtime");

    const applied = crunify(dir, "apply", "--json");
    expect(applied.code).toBe(0);
    const report = JSON.parse(applied.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(["files", "environments", "findings"]));
    const changed = report.files.filter((f: { status: string }) => f.status === "changed").map((f: { path: string }) => f.path);
    expect(changed).toEqual(
      expect.arrayContaining([
        "environments/terminal_bench/terminal_bench/docker_executor.py",
        "environments/terminal_bench/terminal_bench/environment.py",
        "environments/terminal_bench/README.md",
        "environments/multi_swe/multi_swe.py",
      ]),
    );
    const envs = Object.fromEntries(report.environments.map((e: { name: string; support: string }) => [e.name, e.support]));
    expect(envs).toMatchObject({ terminal_bench: "yes", multi_swe: "yes", swe_bench: "yes", remote_python: "no", gsm8k: "none" });
    expect(readFileSync(join(dir, "environments/terminal_bench/terminal_bench/docker_executor.py"), "utf8")).toContain(
      "runtime=self.runtime",
    );

    git(dir, "commit", "-qam", "crunify");
    expect(crunify(dir, "check").code).toBe(0);
    const again = JSON.parse(crunify(dir, "apply", "--json").stdout);
    expect(again.files.filter((f: { status: string }) => f.status === "changed")).toEqual([]);
    expect(git(dir, "status", "--porcelain")).toBe("");
  });

  it("--dry-run prints a unified diff and writes nothing", () => {
    const dir = repo({}, true);
    const result = crunify(dir, "apply", "--dry-run");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--- a/environments/multi_swe/multi_swe.py");
    expect(result.stdout).toMatch(/^\+\s+"--runtime", self\.runtime,$/m);
    expect(git(dir, "status", "--porcelain")).toBe("");
  });

  it("audit lists one row per environment with the reason", () => {
    const dir = repo({}, true);
    const result = crunify(dir, "audit", "--json");
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout).environments;
    expect(rows.find((r: { name: string }) => r.name === "swe_bench")).toMatchObject({ support: "yes", reason: "via minisweagent run_args" });
    expect(rows.find((r: { name: string }) => r.name === "remote_python")).toMatchObject({
      support: "no",
      reason: "remote sandbox: the provider chooses the runtime (e2b_code_interpreter)",
    });
    const text = crunify(dir, "audit").stdout;
    expect(text).toMatch(/gsm8k\s+none\s+creates no containers/);
  });

  it("audit --format md prints the guide's table and --write keeps it between its markers", () => {
    const dir = repo({}, true);
    const md = crunify(dir, "audit", "--format", "md");
    expect(md.stdout.split("\n").slice(0, 2)).toEqual(["| Environment | crun Support | Reason |", "|-------------|--------------|--------|"]);
    expect(md.stdout).toContain("| swe_bench | Yes | via minisweagent run_args |");
    expect(md.stdout).toContain("| remote_python | No | remote sandbox: the provider chooses the runtime (e2b_code_interpreter) |");
    expect(crunify(dir, "audit", "--write", "README.md").code).toBe(0);
    const once = readFileSync(join(dir, "README.md"), "utf8");
    expect(once).toContain("<!-- crunify:audit:start -->\n\n| Environment | crun Support | Reason |");
    expect(once.startsWith("# example-environments\n")).toBe(true);
    crunify(dir, "audit", "--write", "README.md");
    expect(readFileSync(join(dir, "README.md"), "utf8")).toBe(once);
  });
});

describe("safety", () => {
  it("refuses to touch files with uncommitted changes unless --force", () => {
    const dir = repo({ "pkg/executor.py": EXECUTOR });
    writeFileSync(join(dir, "pkg/executor.py"), EXECUTOR + "\n# local edit\n");
    const refused = crunify(dir, "apply");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("uncommitted changes");
    expect(readFileSync(join(dir, "pkg/executor.py"), "utf8")).toBe(EXECUTOR + "\n# local edit\n");
    const forced = crunify(dir, "apply", "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "pkg/executor.py"), "utf8")).toContain("runtime=self.runtime");
  });

  it("a file that does not parse is reported with the reason, exit 1, and the other files are still handled", () => {
    const dir = repo({ "a/broken.py": "import docker\ndef f(:\n    docker.from_env().containers.run('x')\n", "b/executor.py": EXECUTOR });
    const result = crunify(dir, "apply", "--json");
    expect(result.code).toBe(1);
    const files = JSON.parse(result.stdout).files;
    expect(files).toContainEqual(expect.objectContaining({ path: "a/broken.py", status: "error", reason: expect.stringMatching(/syntax error at 2:/) }));
    expect(files).toContainEqual(expect.objectContaining({ path: "b/executor.py", status: "changed" }));
    expect(readFileSync(join(dir, "a/broken.py"), "utf8")).toContain("def f(:");
  });

  it("keeps a BOM, CRLF line endings and the file mode", () => {
    const crlf = "\ufeff" + EXECUTOR.replace(/\n/g, "\r\n");
    const dir = repo({ "x/executor.py": crlf });
    chmodSync(join(dir, "x/executor.py"), 0o755);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "mode");
    const result = crunify(dir, "apply");
    expect(result.stderr).not.toMatch(/: (error|skipped):/);
    expect(result.code).toBe(0);
    const after = readFileSync(join(dir, "x/executor.py"), "utf8");
    expect(after.startsWith("\ufeff")).toBe(true);
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    expect(after).toContain("runtime=self.runtime)\r\n");
    expect(statSync(join(dir, "x/executor.py")).mode & 0o777).toBe(0o755);
  });

  it("skips non-UTF-8 and binary files, ignored and vendored folders, and symlinks out of the tree, with reasons", () => {
    const outside = tempDir("crunify-outside-");
    writeFileSync(join(outside, "far.py"), EXECUTOR);
    const dir = repo({
      "latin1.py": Buffer.from("# caf\xe9\nimport docker\ndocker.from_env().containers.run('x')\n", "latin1"),
      "blob.py": Buffer.from([0x64, 0x6f, 0x63, 0x6b, 0x65, 0x72, 0x00, 0x01]),
      "node_modules/dep/executor.py": EXECUTOR,
      "generated/executor.py": EXECUTOR,
      ".gitignore": "generated/\n",
    });
    symlinkSync(join(outside, "far.py"), join(dir, "link.py"));
    const result = crunify(dir, "check", "--json");
    const files = JSON.parse(result.stdout).files as { path: string; status: string; reason?: string }[];
    const byPath = Object.fromEntries(files.map((f) => [f.path, f]));
    expect(byPath["latin1.py"]).toMatchObject({ status: "skipped", reason: "not valid UTF-8" });
    expect(byPath["blob.py"]).toMatchObject({ status: "skipped", reason: expect.stringContaining("binary") });
    expect(byPath["link.py"]).toMatchObject({ status: "skipped", reason: "symlink that points outside the tree" });
    expect(byPath["node_modules/dep/executor.py"]).toBeUndefined();
    expect(byPath["generated/executor.py"]).toBeUndefined();
  });

  it("skips build output folders, but walks a source package that happens to be called build (aws-sam-cli's samcli/lib/build)", () => {
    const dir = repo({
      "pkg/__init__.py": "",
      "pkg/build/__init__.py": "",
      "pkg/build/executor.py": EXECUTOR,
      "build/lib/pkg/executor.py": EXECUTOR,
      "dist/executor.py": EXECUTOR,
    });
    const result = crunify(dir, "check", "--json");
    const paths = (JSON.parse(result.stdout).files as { path: string }[]).map((f) => f.path);
    expect(paths).toContain("pkg/build/executor.py");
    expect(paths).not.toContain("build/lib/pkg/executor.py");
    expect(paths).not.toContain("dist/executor.py");
  });
});

describe("sample code", () => {
  it("is never edited, but a container it creates without the runtime is listed as skipped, with its line (inspect_ai's examples/)", () => {
    const sample = 'import docker\n\n\ndef load_environment(**kwargs):\n    client = docker.from_env()\n    box = client.containers.run("ubuntu", detach=True)\n    keep = client.containers.run("ubuntu", runtime="runc")\n    return box, keep\n';
    const compose = "services:\n  default:\n    image: busybox\n";
    const dir = repo({
      "pyproject.toml": '[project]\nname = "samp"\nversion = "0.1.0"\n',
      "pkg/compose.yaml": compose,
      "examples/browser/compose.yaml": compose,
      "examples/run_box.py": sample,
      "docs/snippet.py": "import docker\n\ndocker.from_env().containers.list()\n",
      "tests/test_box.py": `import pytest\n${sample}`,
      "examples/wired.py": sample.replace('detach=True)', 'detach=True, runtime="crun")'),
      // Five samples in one folder: the human output shows three and a count.
      "examples/x1/compose.yaml": compose,
      "examples/x2/compose.yaml": compose,
      "examples/x3/compose.yaml": compose,
    });
    const result = crunify(dir, "check", "--json");
    const byPath = Object.fromEntries((JSON.parse(result.stdout).files as { path: string; status: string; reason?: string }[]).map((f) => [f.path, f]));
    const why = "sample code (examples/), which crunify does not edit: line 6 (containers.run(...)) creates a container without the OCI runtime; add it by hand if users run this as it is";
    expect(byPath["examples/run_box.py"]).toEqual({ path: "examples/run_box.py", status: "skipped", reason: why });
    expect(byPath["examples/browser/compose.yaml"]).toMatchObject({ status: "skipped", reason: expect.stringContaining("line 2 (service `default`) creates a container") });
    for (const quiet of ["examples/wired.py", "docs/snippet.py", "tests/test_box.py", "pkg/compose.yaml"]) expect(byPath[quiet]?.status, quiet).toBe("unchanged");
    const human = crunify(dir, "check");
    expect(human.stdout).toMatch(/^pkg\/compose\.yaml:2:3: error: container-runtime /);
    expect(human.stderr).toContain(`examples/run_box.py: skipped: ${why}\n`);
    expect(human.stderr.match(/^examples\/\S+: skipped: sample code/gm)).toHaveLength(3);
    expect(human.stderr).toContain("crunify: skipped 2 more sample file(s) that create containers without the OCI runtime (--json lists them)\n");
    expect(byPath["examples/x3/compose.yaml"]?.status).toBe("skipped");
    expect(crunify(dir, "apply").code).toBe(0);
    expect(git(dir, "status", "--porcelain")).toBe(" M pkg/compose.yaml\n");
  });
});

describe("build output", () => {
  it("is never read or edited: a bundle, a compiler's output or minified code that might matter is listed as skipped (supervisor's webpack chunks)", () => {
    const runner = 'import { spawn } from "node:child_process";\n\nexport function start(image: string) {\n  return spawn("docker", ["run", "-d", image]);\n}\n';
    const bundled = 'import{spawn as s}from"node:child_process";export function start(i){return s("docker",["run","-d",i])}';
    const dir = repo({
      "package.json": '{ "name": "built", "version": "1.0.0" }\n',
      "src/runner.ts": runner,
      // TypeScript is never build output, whatever its lines look like: it is fixed like any other.
      "src/assets.ts": `export const LOGO = "${"A".repeat(3000)}";\n${runner}`,
      "static/chunk.3f2a.js": `${bundled};\n//# sourceMappingURL=chunk.3f2a.js.map\n`,
      // tsc --inlineSourceMap: a map comment of kilobytes.
      "static/compiled.js": `${runner.replace(": string", "")}//# sourceMappingURL=data:application/json;base64,${"eyJ2ZXJzaW9uIjozfQ".repeat(150)}\n`,
      // Compiled output that mentions no docker but calls an owner: never read, so never rewritten to forward the runtime.
      "src/helper.js": 'import { start } from "./runner.js";\nexport function boot(image) {\n  return start(image);\n}\n//# sourceMappingURL=helper.js.map\n',
      "static/vendor.min.js": runner,
      "static/app.js": `${bundled}${";".repeat(1000)}`,
      "static/ui.js": 'export const title="Add-ons";export function show(e){e.textContent=title}\n//# sourceMappingURL=ui.js.map\n',
      // tsc's output written in place, no map: the .ts beside it is the source.
      "src/runner.js": runner.replace(": string", ""),
    });
    const result = crunify(dir, "check", "--json");
    const byPath = Object.fromEntries((JSON.parse(result.stdout).files as { path: string; status: string; reason?: string }[]).map((f) => [f.path, f]));
    const mapped = "build output (it ends with a source map comment): fix the source it is built from";
    const minified = "build output (minified): fix the source it is built from";
    expect(byPath["static/chunk.3f2a.js"]).toEqual({ path: "static/chunk.3f2a.js", status: "skipped", reason: mapped });
    expect(byPath["static/compiled.js"]?.reason).toBe(mapped);
    expect(byPath["static/vendor.min.js"]?.reason).toBe(minified);
    expect(byPath["static/app.js"]?.reason).toBe(minified);
    expect(byPath["src/runner.js"]?.reason).toBe("build output (compiled from runner.ts beside it): fix runner.ts");
    // Build output that cannot matter is not worth a line.
    expect(byPath["static/ui.js"]?.status).toBe("unchanged");
    const findings = (JSON.parse(result.stdout).findings as { path: string }[]).map((f) => f.path);
    expect([...new Set(findings)].sort()).toEqual(["src/assets.ts", "src/runner.ts"]);
    const human = crunify(dir, "check");
    expect(human.stderr.match(/: skipped: build output/g)).toHaveLength(3);
    expect(human.stderr).toContain("crunify: skipped 2 more build output file(s) that might create containers: fix their sources (--json lists them)\n");
    expect(crunify(dir, "apply").code).toBe(0);
    expect(git(dir, "status", "--porcelain")).toBe(" M src/assets.ts\n M src/runner.ts\n");
  });
});

describe("compose run through a wrapper", () => {
  it("says the variable alone changes nothing where no compose file in the tree reads it (devcontainers' user compose files)", () => {
    const dir = repo({
      "package.json": '{ "name": "dc", "version": "1.0.0" }\n',
      "src/compose.ts": [
        'import { spawn } from "node:child_process";',
        "",
        "async function composeCLI(project: string, ...args: string[]): Promise<void> {",
        '  spawn("docker", ["compose", "--project-name", project, ...args], { stdio: "inherit" });',
        "}",
        "",
        "export async function up(project: string, userFile: string): Promise<void> {",
        '  await composeCLI(project, "-f", userFile, "up", "-d");',
        "}",
        "",
      ].join("\n"),
    });
    const result = crunify(dir, "check");
    const findings = result.stdout.trim().split("\n");
    expect(findings.length, result.stdout).toBeGreaterThan(0);
    for (const finding of findings) expect(finding).toMatch(/manual-runtime .*; but the compose files it runs are not in this tree .*give their services `runtime:` by hand/);
  });
});

describe("notebooks", () => {
  it("are never edited, but their containers are listed by cell and line: Python cells and IPython shell lines (intercode's notebooks/docker.ipynb)", () => {
    const cells = [
      { cell_type: "markdown", metadata: {}, source: ["# Start the task container\n"] },
      { cell_type: "code", metadata: {}, execution_count: 1, outputs: [], source: ["%load_ext autoreload\n", "import docker\n", "client = docker.from_env()"] },
      { cell_type: "code", metadata: {}, execution_count: 2, outputs: [], source: ["for name in [\"a\"]:\n", "    !docker ps\n", "    box = client.containers.run(\"ubuntu\", name=name, detach=True)\n", "kept = client.containers.run(\"ubuntu\", runtime=\"runc\")"] },
      { cell_type: "code", metadata: {}, execution_count: 3, outputs: [], source: ["!docker run --rm -it ubuntu bash\n", "!docker run --runtime=crun --rm ubuntu true"] },
      { cell_type: "code", metadata: {}, execution_count: 4, outputs: [], source: ["%%bash\n", "docker create ubuntu"] },
      // Neither hides the cells above (another language's cell, a shell line's output kept), nor is a container
      // without the runtime (the flag on a continued line).
      { cell_type: "code", metadata: {}, execution_count: 5, outputs: [], source: ["%%html\n", "<b>docker run</b> {x}"] },
      { cell_type: "code", metadata: {}, execution_count: 6, outputs: [], source: ["ids = !docker ps -q\n", "!docker run \\\n", "    --runtime=crun alpine true"] },
    ];
    const notebook = JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) + "\n";
    const quiet = JSON.stringify({ cells: [cells[1]], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) + "\n";
    const dir = repo({ "notebooks/docker.ipynb": notebook, "notebooks/quiet.ipynb": quiet, "notebooks/broken.ipynb": "{ not json", "tests/notebooks/t.ipynb": notebook, "pkg/helper.py": "x = 1\n" });
    const result = crunify(dir, "check", "--json");
    expect(result.code, result.stderr).toBe(0);
    const byPath = Object.fromEntries((JSON.parse(result.stdout).files as { path: string; status: string; reason?: string }[]).map((f) => [f.path, f]));
    expect(byPath["notebooks/docker.ipynb"]).toEqual({
      path: "notebooks/docker.ipynb",
      status: "skipped",
      reason: "a Jupyter notebook, which crunify does not edit: cell 3, line 3 (containers.run(...)), cell 4, line 1 (`docker run --rm …`), cell 5, line 2 (`docker create ubuntu …`) create containers without the OCI runtime; add it by hand if users run this as it is",
    });
    expect(byPath["notebooks/quiet.ipynb"]).toEqual({ path: "notebooks/quiet.ipynb", status: "unchanged" });
    expect(byPath["notebooks/broken.ipynb"]).toMatchObject({ status: "skipped", reason: expect.stringContaining("not a Jupyter notebook") });
    expect(byPath["tests/notebooks/t.ipynb"]?.status, "a test's notebook says nothing").not.toBe("skipped");
    expect(crunify(dir, "apply").code).toBe(0);
    expect(git(dir, "status", "--porcelain")).toBe("");
  });
});

describe("options and usage", () => {
  it("--param-name and --runtime-default shape the inserted code", () => {
    const dir = repo({ "executor.py": EXECUTOR });
    expect(crunify(dir, "apply", "--param-name", "oci_runtime", "--runtime-default", "runc").code).toBe(0);
    const after = readFileSync(join(dir, "executor.py"), "utf8");
    expect(after).toContain('def __init__(self, image, oci_runtime="runc"):');
    expect(after).toContain("runtime=self.oci_runtime");
  });

  it("usage errors exit 2 and say what is wrong", () => {
    const dir = repo();
    const unknown = crunify(dir, "apply", "--frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--frobnicate");
    const badRuntime = crunify(dir, "check", "--runtime-default", "crun; rm -rf /");
    expect(badRuntime.code).toBe(2);
    expect(badRuntime.stderr).toContain("is not a runtime name");
    expect(crunify(dir, "apply", "does-not-exist").code).toBe(2);
    expect(crunify(dir, "nonsense").code).toBe(2);
  });
});

// The CLI contract: command line → exit code, stdout, stderr. Run in one committed copy of the example repository;
// none of these writes anything (checked at the end). `point` is the number in issue #14's list.
interface Contract {
  point: number;
  args: string[];
  code: number;
  /** "" = must be empty; a RegExp must match; undefined = not checked. */
  stdout?: string | RegExp;
  stderr?: string | RegExp;
}

const ONE_LINE = (pattern: string) => new RegExp(`^crunify[^\\n]*: ${pattern}[^\\n]*\\n$`);

const CONTRACT: Contract[] = [
  // 1. one argument front
  { point: 1, args: [], code: 2, stdout: "", stderr: ONE_LINE("no command given; try 'crunify --help'") },
  { point: 1, args: ["--help"], code: 0, stdout: /^Usage: crunify <command> \[options\]\n[\s\S]*  check /, stderr: "" },
  { point: 1, args: ["help"], code: 0, stdout: /^Usage: crunify <command>/, stderr: "" },
  { point: 1, args: ["help", "check"], code: 0, stdout: /^Usage: crunify check \[paths\.\.\.\] \[options\]\n[\s\S]*--allow-empty/, stderr: "" },
  { point: 1, args: ["check", "--help"], code: 0, stdout: /^Usage: crunify check /, stderr: "" },
  { point: 1, args: ["bench", "-h"], code: 0, stdout: /^Usage: crunify bench /, stderr: "" },
  { point: 1, args: ["help", "chek"], code: 2, stdout: "", stderr: ONE_LINE("unknown command 'chek'; did you mean 'check'\\?") },
  { point: 1, args: ["-V"], code: 0, stdout: `${VERSION}\n`, stderr: "" },
  { point: 1, args: ["--version"], code: 0, stdout: `${VERSION}\n`, stderr: "" },
  { point: 1, args: ["chek"], code: 2, stdout: "", stderr: ONE_LINE("unknown command 'chek'; did you mean 'check'\\?") },
  { point: 1, args: ["--frobnicate"], code: 2, stdout: "", stderr: ONE_LINE("unknown option '--frobnicate'") },
  { point: 1, args: ["check", "--formt", "json"], code: 2, stdout: "", stderr: ONE_LINE("unknown option '--formt'; did you mean '--format'\\?") },
  { point: 1, args: ["apply", "--dryrun"], code: 2, stdout: "", stderr: ONE_LINE("unknown option '--dryrun'; did you mean '--dry-run'\\?") },
  { point: 1, args: ["check", "--frobnicate"], code: 2, stdout: "", stderr: /^crunify check: unknown option '--frobnicate'\n$/ },
  { point: 1, args: ["check", "--format"], code: 2, stdout: "", stderr: ONE_LINE("option '--format' needs a value") },
  { point: 1, args: ["check", "--format", "--json"], code: 2, stdout: "", stderr: ONE_LINE("option '--format' needs a value") },
  { point: 1, args: ["check", "--format", "xml"], code: 2, stdout: "", stderr: ONE_LINE("--format 'xml': expected text, json, github or sarif") },
  { point: 1, args: ["apply", "--dry-run=yes"], code: 2, stdout: "", stderr: ONE_LINE("option '--dry-run' takes no value") },
  { point: 1, args: ["check", "--runtime-default", "crun; rm -rf /"], code: 2, stdout: "", stderr: ONE_LINE("--runtime-default 'crun; rm -rf /' is not a runtime name") },
  { point: 1, args: ["check", "nonexistent"], code: 2, stdout: "", stderr: ONE_LINE("nonexistent: no such file or folder") },
  { point: 1, args: ["readme", "nonexistent"], code: 2, stdout: "", stderr: ONE_LINE("nonexistent: no such file or folder") },
  { point: 1, args: ["readme"], code: 2, stdout: "", stderr: ONE_LINE("missing environment folder or README.md") },
  { point: 1, args: ["new", "ok-env", "--cpu-cores", "0"], code: 2, stdout: "", stderr: ONE_LINE('--cpu-cores "0": must be a positive number') },
  { point: 1, args: ["new", "ok-env", "--memory-gb", "2048"], code: 2, stdout: "", stderr: ONE_LINE('--memory-gb "2048": at most 1024') },
  { point: 1, args: ["new", "ok-env", "--dir", "README.md"], code: 2, stdout: "", stderr: ONE_LINE("--dir README.md: .*README.md is a file, not a folder") },
  { point: 1, args: ["new", "ok-env", "--lang", "go"], code: 2, stdout: "", stderr: ONE_LINE("--lang 'go': expected python or typescript") },
  { point: 1, args: ["doctor", "--runtime", "crun --privileged"], code: 2, stdout: "", stderr: ONE_LINE("--runtime 'crun --privileged' is not a runtime name") },
  { point: 1, args: ["doctor", "--image", "-x"], code: 2, stdout: "", stderr: ONE_LINE("option '--image' needs a value") },
  { point: 1, args: ["doctor", "--image=a b"], code: 2, stdout: "", stderr: ONE_LINE("--image 'a b': not a Docker image reference") },
  { point: 1, args: ["bench", "--iterations", "0"], code: 2, stdout: "", stderr: ONE_LINE("--iterations '0': expected a whole number from 1 to 10000") },
  { point: 1, args: ["bench", "--write", "/nonexistent/folder/x.md"], code: 2, stdout: "", stderr: ONE_LINE("--write /nonexistent/folder/x.md: no such file") },
  { point: 1, args: ["doctor", "extra"], code: 2, stdout: "", stderr: ONE_LINE("takes no arguments \\(got 'extra'\\)") },
  { point: 1, args: ["demo", "a", "b"], code: 2, stdout: "", stderr: ONE_LINE("expected one repository folder, got 2") },
  // 2. findings in GNU style on stdout, summary on stderr
  { point: 2, args: ["check", "environments/multi_swe"], code: 1, stdout: /^(environments\/multi_swe\/\S+:\d+:\d+: error: [a-z-]+ [^\n]+\n)+$/, stderr: ONE_LINE("\\d+ finding\\(s\\) in \\d+ file\\(s\\); \\d+ fixable with 'crunify check --fix' \\(or 'crunify apply'\\)") },
  { point: 2, args: ["apply", "--dry-run", "environments/multi_swe"], code: 0, stdout: /^--- a\/environments\/multi_swe\/multi_swe\.py\n\+\+\+ b\//, stderr: /sites to wire: 1, errors: 0\n$/ },
  { point: 2, args: ["readme", "environments/terminal_bench", "--dry-run"], code: 0, stdout: /^--- a\/environments\/terminal_bench\/README\.md\n\+\+\+ b\/environments\/terminal_bench\/README\.md\n@@ /, stderr: /README\.md:\d+:1: note: readme-runtime no Prerequisites section/ },
  // 3. readme takes a folder or a *.md and follows the audit
  { point: 3, args: ["readme", "environments/gsm8k/gsm8k.py"], code: 2, stdout: "", stderr: ONE_LINE("environments/gsm8k/gsm8k.py: not a Markdown file") },
  { point: 3, args: ["readme", "environments/gsm8k/pyproject.toml"], code: 2, stdout: "", stderr: ONE_LINE("environments/gsm8k/pyproject.toml: not a Markdown file") },
  { point: 3, args: ["readme", "environments/gsm8k"], code: 0, stdout: "", stderr: /^environments\/gsm8k\/README\.md: nothing to document: gsm8k creates no containers\n$/ },
  { point: 3, args: ["readme", "environments/remote_python/README.md"], code: 0, stdout: "", stderr: /nothing to document: remote_python is left alone \(remote sandbox: the provider chooses the runtime \(e2b_code_interpreter\)\)/ },
  { point: 3, args: ["readme", "."], code: 2, stdout: "", stderr: ONE_LINE(". is not an environment") },
  // 4. nothing matched is said
  { point: 4, args: ["check", "empty"], code: 2, stdout: "", stderr: ONE_LINE("no Python, TypeScript/JavaScript or Compose files under empty \\(--allow-empty to accept\\)") },
  { point: 4, args: ["check", "empty", "--allow-empty"], code: 0, stdout: "", stderr: /no findings/ },
  { point: 4, args: ["apply", "empty"], code: 2, stdout: "", stderr: ONE_LINE("no Python, TypeScript/JavaScript or Compose files under empty") },
  { point: 4, args: ["check", "environments/gsm8k/pyproject.toml"], code: 2, stdout: "", stderr: ONE_LINE("environments/gsm8k/pyproject.toml: not a file crunify reads") },
  { point: 4, args: ["check", "environments/gsm8k/gsm8k.py", "environments/gsm8k/README.md"], code: 0, stdout: "", stderr: /no findings/ },
];

describe("the CLI contract: command line → exit code, stdout, stderr", () => {
  let dir = "";
  beforeAll(() => {
    dir = repo({ "empty/notes.txt": "nothing to check\n" }, true);
  });

  for (const row of CONTRACT) {
    it(`(${row.point}) crunify ${row.args.join(" ")} → exit ${row.code}`, () => {
      const r = crunify(dir, ...row.args);
      expect(r.code, r.stdout + r.stderr).toBe(row.code);
      for (const [stream, want] of [["stdout", row.stdout], ["stderr", row.stderr]] as const) {
        if (typeof want === "string") expect(r[stream], stream).toBe(want);
        else if (want) expect(r[stream], stream).toMatch(want);
      }
      expect(r.stderr, "no stack trace").not.toMatch(/\n\s+at .+:\d+:\d+/);
      if (row.code === 2) expect(r.stderr.split("\n").filter(Boolean), "a usage error is one line").toHaveLength(1);
    });
  }

  it("wrote nothing", () => {
    expect(git(dir, "status", "--porcelain")).toBe("");
  });

  it("help <command> and <command> --help print the same text, for every command", () => {
    for (const name of ["apply", "check", "audit", "readme", "new", "doctor", "bench", "demo"]) {
      const help = crunify(dir, "help", name).stdout;
      expect(help).toMatch(new RegExp(`^Usage: crunify ${name}`));
      expect(crunify(dir, name, "--help").stdout).toBe(help);
    }
  });
});

describe("(10) repository hygiene", () => {
  it("the npm pack tarball is ignored by git", async () => {
    const { default: ignore } = await import("ignore");
    const rules = ignore().add(readFileSync(join(ROOT, ".gitignore"), "utf8"));
    expect(rules.ignores(`crunify-${VERSION}.tgz`)).toBe(true);
  });
});
