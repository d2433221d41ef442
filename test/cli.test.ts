// The CLI contract (apply / check / audit), run as users run it: the built binary on real files in a temp git repo.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "dist/bin/crunify.js");
const EXAMPLE = join(ROOT, "fixtures/example-repo");

function crunify(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" });
}

/** A fresh git repository holding `files` (rel path → content), all committed. */
function repo(files: Record<string, string | Buffer> = {}, copyExample = false): string {
  const dir = mkdtempSync(join(tmpdir(), "crunify-cli-"));
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
    for (const line of lines) expect(line).toMatch(/^\S+:\d+:\d+ [a-z-]+ .+/);
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
    expect(envs).toMatchObject({ terminal_bench: "yes", multi_swe: "yes", swe_bench: "no", gsm8k: "none" });
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
    expect(rows.find((r: { name: string }) => r.name === "swe_bench")).toMatchObject({
      support: "no",
      reason: "uses minisweagent's DockerEnvironment",
    });
    const text = crunify(dir, "audit").stdout;
    expect(text).toMatch(/gsm8k\s+none\s+creates no containers/);
  });

  it("audit --format md prints the guide's table and --write keeps it between its markers", () => {
    const dir = repo({}, true);
    const md = crunify(dir, "audit", "--format", "md");
    expect(md.stdout.split("\n").slice(0, 2)).toEqual(["| Environment | crun Support | Reason |", "|-------------|--------------|--------|"]);
    expect(md.stdout).toContain("| swe_bench | No | uses minisweagent's DockerEnvironment |");
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
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const after = readFileSync(join(dir, "x/executor.py"), "utf8");
    expect(after.startsWith("\ufeff")).toBe(true);
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    expect(after).toContain("runtime=self.runtime)\r\n");
    expect(statSync(join(dir, "x/executor.py")).mode & 0o777).toBe(0o755);
  });

  it("skips non-UTF-8 and binary files, ignored and vendored folders, and symlinks out of the tree, with reasons", () => {
    const outside = mkdtempSync(join(tmpdir(), "crunify-outside-"));
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
