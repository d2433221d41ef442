// Point 3 of the file-safety issue: the git guard. Without --force crunify writes only files git holds a clean copy
// of: not outside a work tree, not ignored files (even named on the command line), not untracked ones (whatever
// status.showUntrackedFiles says); and a blocked file holds back its own environment only.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gitFacts, type GitFacts } from "../../codemods/driver/git.js";
import { decideWrites } from "../../codemods/driver/write-guard.js";
import { crunify, crunifyJson, EXECUTOR, git, removeTempDirs, repo, tempDir, writeTree } from "./cli-run.js";

afterAll(removeTempDirs);

const ENV_PY = readFileSync(join(import.meta.dirname, "../../fixtures/example-repo/environments/multi_swe/multi_swe.py"), "utf8");
const env = (name: string) => ({
  [`envs/${name}/pyproject.toml`]: `[project]\nname = "${name}"\nversion = "0.1.0"\n`,
  [`envs/${name}/${name}.py`]: ENV_PY,
});

const facts = (over: Partial<GitFacts> = {}): GitFacts => ({ outside: new Set(), dirty: new Set(), ignored: new Set(), gitMissing: false, baseline: "head", ...over });

describe("decideWrites (pure)", () => {
  const planned = [
    { path: "/r/a/x.py", env: "/r/a" },
    { path: "/r/a/README.md", env: "/r/a" },
    { path: "/r/b/y.py", env: "/r/b" },
  ];

  it("writes everything when git holds a clean copy of every file", () => {
    expect(decideWrites(planned, facts(), false)).toEqual({ write: ["/r/a/x.py", "/r/a/README.md", "/r/b/y.py"], held: [], heldEnvironments: [] });
  });

  it("a dirty file holds back its environment only, and says which file and why", () => {
    const decision = decideWrites(planned, facts({ dirty: new Set(["/r/a/README.md"]) }), false);
    expect(decision.write).toEqual(["/r/b/y.py"]);
    expect(decision.held).toEqual([
      { path: "/r/a/x.py", reason: expect.stringMatching(/environment \/r\/a is held back by \/r\/a\/README\.md \(uncommitted changes\)/) },
      { path: "/r/a/README.md", reason: expect.stringMatching(/^has uncommitted changes/) },
    ]);
    expect(decision.heldEnvironments).toEqual([{ env: "/r/a", reason: expect.stringContaining("/r/a/README.md (uncommitted changes)") }]);
  });

  it("outside a work tree, ignored, or no git at all: held back with the reason; --force writes all", () => {
    expect(decideWrites(planned, facts({ outside: new Set(["/r/b/y.py"]) }), false).held).toEqual([
      { path: "/r/b/y.py", reason: expect.stringMatching(/^not in a git work tree.*--force/) },
    ]);
    expect(decideWrites(planned, facts({ ignored: new Set(["/r/b/y.py"]) }), false).held[0]!.reason).toMatch(/^ignored by git/);
    expect(decideWrites(planned, facts({ outside: new Set(["/r/b/y.py"]), gitMissing: true }), false).held[0]!.reason).toMatch(/git is not installed/);
    expect(decideWrites(planned, facts({ dirty: new Set(["/r/a/x.py"]), outside: new Set(["/r/b/y.py"]) }), true).write).toHaveLength(3);
  });
});

describe("gitFacts", () => {
  it("untracked files count as uncommitted whatever status.showUntrackedFiles says; ignored and outside files are known", () => {
    const dir = repo({ ".gitignore": "generated/\n", "tracked.py": "x = 1\n" });
    git(dir, "config", "status.showUntrackedFiles", "no");
    writeTree(dir, { "untracked/new.py": "y = 2\n", "generated/out.py": "z = 3\n", "tracked.py": "x = 1\n" });
    const outside = join(tempDir("crunify-nogit-"), "loose.py");
    writeFileSync(outside, "w = 4\n");
    const paths = ["tracked.py", "untracked/new.py", "generated/out.py"].map((p) => join(dir, p));
    const found = gitFacts([...paths, outside]);
    expect([...found.dirty]).toEqual([join(dir, "untracked/new.py")]);
    expect([...found.ignored]).toEqual([join(dir, "generated/out.py")]);
    expect([...found.outside]).toEqual([outside]);
  });
});

describe("the guard through the CLI", () => {
  it("readme: a README git holds no clean copy of (outside a work tree, or uncommitted) is not written without --force", () => {
    const README = "# demo\n\nRuns tasks in a container.\n";
    const files = {
      "pyproject.toml": '[project]\nname = "demo-env"\nversion = "0.1.0"\n',
      "demo/__init__.py": "from demo.executor import Executor\n\n\ndef load_environment(image=\"busybox\", **kwargs):\n    return Executor(image)\n",
      "demo/executor.py": EXECUTOR,
    };
    const loose = tempDir("crunify-nogit-");
    writeTree(loose, { ...files, "README.md": README });
    const refused = crunify(loose, "readme", ".");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/README\.md: error: not in a git work tree.*pass --force/);
    expect(readFileSync(join(loose, "README.md"), "utf8")).toBe(README);
    expect(crunify(loose, "readme", ".", "--force").code).toBe(0);
    expect(readFileSync(join(loose, "README.md"), "utf8")).toContain("## Prerequisites");

    const dirty = repo({ ...files, "README.md": README });
    writeFileSync(join(dirty, "README.md"), README + "\nA local note.\n");
    const held = crunify(dirty, "readme", ".");
    expect(held.code).toBe(1);
    expect(held.stderr).toMatch(/README\.md: error: has uncommitted changes/);
    expect(readFileSync(join(dirty, "README.md"), "utf8")).not.toContain("## Prerequisites");
  });

  it("outside any git work tree: nothing is written without --force, with the reason; --force writes", () => {
    const dir = tempDir("crunify-nogit-");
    writeTree(dir, { "executor.py": EXECUTOR });
    const refused = crunifyJson(dir, "apply");
    expect(refused.code).toBe(1);
    expect(refused.files["executor.py"]).toMatchObject({ status: "error", reason: expect.stringMatching(/^not in a git work tree/) });
    expect(readFileSync(join(dir, "executor.py"), "utf8")).toBe(EXECUTOR);
    expect(crunify(dir, "apply", "--force").code).toBe(0);
    expect(readFileSync(join(dir, "executor.py"), "utf8")).toContain("runtime=self.runtime");
  });

  it("a gitignored file named on the command line is not written without --force", () => {
    const dir = repo({ ".gitignore": "scratch/\n" });
    writeTree(dir, { "scratch/executor.py": EXECUTOR });
    const refused = crunifyJson(dir, "apply", "scratch/executor.py");
    expect(refused.code).toBe(1);
    expect(refused.files["scratch/executor.py"]).toMatchObject({ status: "error", reason: expect.stringMatching(/^ignored by git/) });
    expect(readFileSync(join(dir, "scratch/executor.py"), "utf8")).toBe(EXECUTOR);
    expect(crunify(dir, "apply", "scratch/executor.py", "--force").code).toBe(0);
  });

  it("with status.showUntrackedFiles=no, an untracked file is still not written", () => {
    const dir = repo();
    git(dir, "config", "status.showUntrackedFiles", "no");
    writeTree(dir, { "executor.py": EXECUTOR });
    const refused = crunifyJson(dir, "apply");
    expect(refused.files["executor.py"]).toMatchObject({ status: "error", reason: expect.stringMatching(/^has uncommitted changes/) });
    expect(readFileSync(join(dir, "executor.py"), "utf8")).toBe(EXECUTOR);
  });

  it("one dirty file holds back its environment only: the other is wired, the report names what was held back, exit 1", () => {
    const dir = repo({ ...env("alpha"), ...env("beta") });
    writeFileSync(join(dir, "envs/alpha/alpha.py"), ENV_PY + "\n# work in progress\n");
    const human = crunify(dir, "apply");
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^environments wired: 1 \(beta\)$/m);
    expect(human.stderr).toMatch(/^held back: 1 \(alpha: nothing written: envs\/alpha\/alpha\.py \(uncommitted changes\)/m);
    expect(human.stderr).toMatch(/^envs\/alpha\/alpha\.py: error: has uncommitted changes/m);
    expect(readFileSync(join(dir, "envs/beta/beta.py"), "utf8")).toContain("runtime");
    expect(readFileSync(join(dir, "envs/alpha/alpha.py"), "utf8")).toBe(ENV_PY + "\n# work in progress\n");
    const json = crunifyJson(dir, "apply");
    expect(json.report.summary).toMatchObject({ environmentsWired: 1, environmentsHeldBack: 1 });
    const environments = (json.report as unknown as { environments: { name: string; heldBack?: string }[] }).environments;
    expect(environments.find((e) => e.name === "alpha")?.heldBack).toMatch(/alpha\.py \(uncommitted changes\)/);
    expect(environments.find((e) => e.name === "beta")?.heldBack).toBeUndefined();
  });
});
