// The hook with Debian's pre-commit and real git: a commit that adds an unwired container creation is blocked with the
// finding; after `crunify apply` it goes through. Two ways to wire the hook, one loop: a local hook running this
// checkout's built CLI (language: system), and this repository as a path repo through its .pre-commit-hooks.yaml
// (language: node: pre-commit runs npm install + npm pack + npm install -g in its own env).
// Also: `check --staged` against a real index, and the manifest's `files` pattern read with Python's yaml and re.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CHECKABLE_EXTENSIONS } from "../codemods/driver/staged-files.js";
import { CLI, GIT_ENV, REPO, crunify, git, sh } from "./helpers/check-project.js";

const SYSTEM_PYTHON = "/usr/bin/python3";
const hasPreCommit = spawnSync("pre-commit", ["--version"]).status === 0;
if (!hasPreCommit && process.env.CI) throw new Error("pre-commit is missing: apt-get install -y --no-install-recommends pre-commit");
if (!hasPreCommit) console.warn("pre-commit tests skipped: apt-get install -y --no-install-recommends pre-commit");
const describePreCommit = hasPreCommit ? describe : describe.skip;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

const WIRED_ENV = `import docker


def load_environment(runtime: str = "crun", **kwargs):
    client = docker.from_env()
    return client.containers.create("busybox", command="true", runtime=runtime)
`;

const UNWIRED_SANDBOX = `import docker


def start_sandbox(image):
    return docker.from_env().containers.create(image, command="sleep infinity")
`;

/** A git repository with one wired environment, committed with `config` before any hook is installed. */
function userRepo(config: string): string {
  const dir = temp("crunify-user-");
  mkdirSync(join(dir, "environments/sandboxed"), { recursive: true });
  writeFileSync(join(dir, "environments/sandboxed/pyproject.toml"), '[project]\nname = "sandboxed"\n');
  writeFileSync(join(dir, "environments/sandboxed/sandboxed.py"), WIRED_ENV);
  writeFileSync(join(dir, ".pre-commit-config.yaml"), config);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "wired environment");
  return dir;
}

const VERSION_TAG = `v${JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version}`;

/** This checkout as a git repository pre-commit can clone: the sources `npm pack` builds from (and the .npmrc that
 *  keeps its stdout clean), committed and tagged like a release. */
function packageRepo(): { path: string; rev: string } {
  const dir = temp("crunify-pkg-");
  for (const name of ["package.json", "package-lock.json", "tsconfig.json", "rolldown.config.mjs", ".npmrc", ".gitignore", ".pre-commit-hooks.yaml", "bin", "codemods", "generators", "docker-tools", "templates"]) {
    cpSync(join(REPO, name), join(dir, name), { recursive: true });
  }
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "crunify");
  git(dir, "tag", VERSION_TAG);
  return { path: dir, rev: git(dir, "rev-parse", "HEAD").trim() };
}

interface HookVariant {
  name: string;
  config: () => string;
  /** Extra environment for pre-commit. */
  env: Record<string, string>;
  timeout: number;
}

const VARIANTS: HookVariant[] = [
  {
    name: "local hook running this checkout's CLI (repo: local, language: system)",
    config: () => `repos:
  - repo: local
    hooks:
      - id: crunify-check
        name: crunify check
        language: system
        entry: ${JSON.stringify(`${process.execPath} ${CLI} check`)}
        files: (\\.(py|ts|tsx|mts|cts|js|jsx|mjs|cjs)|(^|/)README\\.md)$
        require_serial: true
`,
    env: {},
    timeout: 60_000,
  },
  {
    name: "this repository as a path repo with its .pre-commit-hooks.yaml (language: node)",
    config: () => {
      const pkg = packageRepo();
      return `repos:\n  - repo: ${pkg.path}\n    rev: ${VERSION_TAG}\n    hooks:\n      - id: crunify-check\n`;
    },
    // No npm_config_loglevel workaround: the repository's .npmrc keeps `npm pack`'s stdout to the tarball name, which
    // is all pre-commit before 4.3 reads there. prefer-offline: use npm's cache when it has the packages.
    env: { npm_config_prefer_offline: "true" },
    timeout: 400_000,
  },
];

describePreCommit("pre-commit blocks an unwired container creation and lets the fixed commit through", () => {
  for (const variant of VARIANTS) {
    it(
      variant.name,
      () => {
        const dir = userRepo(variant.config());
        const env = { ...GIT_ENV, ...variant.env, PRE_COMMIT_HOME: temp("crunify-pre-commit-home-") };
        const install = sh(dir, "pre-commit", ["install"], env);
        expect(install.code, install.stderr).toBe(0);
        // Builds the node hook's environment (npm install, npm pack, npm install -g) with no npm variable set.
        const hooks = sh(dir, "pre-commit", ["install-hooks"], env);
        expect(hooks.code, hooks.stdout + hooks.stderr).toBe(0);

        writeFileSync(join(dir, "environments/sandboxed/sandbox.py"), UNWIRED_SANDBOX);
        git(dir, "add", "environments/sandboxed/sandbox.py");
        const blocked = sh(dir, "git", ["commit", "-m", "add a sandbox"], env);
        const out = blocked.stdout + blocked.stderr;
        expect(blocked.code, out).not.toBe(0);
        expect(out).toContain("environments/sandboxed/sandbox.py:5:12: error: container-runtime");
        expect(out).toContain("add `runtime=runtime`");
        expect(git(dir, "log", "--format=%s")).not.toContain("add a sandbox");

        const applied = crunify(dir, ["apply", "--force", "."]);
        expect(applied.code, applied.stdout + applied.stderr).toBe(0);
        expect(readFileSync(join(dir, "environments/sandboxed/sandbox.py"), "utf8")).toContain("runtime=runtime");
        git(dir, "add", "-A");
        const passed = sh(dir, "git", ["commit", "-m", "add a wired sandbox"], env);
        expect(passed.code, passed.stdout + passed.stderr).toBe(0);
        expect(passed.stdout + passed.stderr).toMatch(/crunify check.*Passed/);
        expect(git(dir, "log", "--format=%s")).toContain("add a wired sandbox");
      },
      variant.timeout,
    );
  }
});

describePreCommit("releases are version tags, so pre-commit autoupdate can move rev", () => {
  it("autoupdate moves rev from a commit to the newest tag", () => {
    const pkg = packageRepo();
    writeFileSync(join(pkg.path, "NEXT.md"), "the next release\n");
    git(pkg.path, "add", "-A");
    git(pkg.path, "commit", "-qm", "next release");
    git(pkg.path, "tag", "v99.0.0");
    const dir = userRepo(`repos:\n  - repo: ${pkg.path}\n    rev: ${pkg.rev}\n    hooks:\n      - id: crunify-check\n`);
    const env = { ...GIT_ENV, PRE_COMMIT_HOME: temp("crunify-pre-commit-home-") };
    const r = sh(dir, "pre-commit", ["autoupdate"], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(join(dir, ".pre-commit-config.yaml"), "utf8")).toContain("rev: v99.0.0");
  }, 60_000);
});

describe("check --staged reads the git index", () => {
  it("reports staged files only, ignores staged deletions, and warns about unstaged edits", () => {
    const dir = userRepo("repos: []\n");
    const env = join(dir, "environments/sandboxed");
    writeFileSync(join(env, "sandbox.py"), UNWIRED_SANDBOX);
    writeFileSync(join(env, "other.py"), UNWIRED_SANDBOX.replace("start_sandbox", "start_other"));
    git(dir, "add", "environments/sandboxed/sandbox.py");

    const staged = crunify(dir, ["check", "--staged", "--json"]);
    expect(staged.code).toBe(1);
    const paths = new Set(JSON.parse(staged.stdout).findings.map((f: { path: string }) => f.path));
    expect([...paths]).toEqual(["environments/sandboxed/sandbox.py"]);
    expect(staged.stderr).toBe("");

    // From a subfolder: paths in the index are relative to the repository top.
    const sub = crunify(env, ["check", "--staged", "--format", "github"]);
    expect(sub.stdout).toMatch(/^::error file=sandbox\.py,line=5,col=12,endLine=5,endColumn=\d+,title=crunify container-runtime::container-runtime: /m);

    writeFileSync(join(env, "sandbox.py"), UNWIRED_SANDBOX + "\n# edited after git add\n");
    const dirty = crunify(dir, ["check", "--staged"]);
    expect(dirty.stderr).toContain("checking the work-tree text of environments/sandboxed/sandbox.py");

    git(dir, "rm", "-q", "--cached", "-f", "environments/sandboxed/sandbox.py");
    git(dir, "rm", "-q", "environments/sandboxed/sandboxed.py");
    const nothing = crunify(dir, ["check", "--staged"]);
    expect(nothing.code, nothing.stdout + nothing.stderr).toBe(0);
    expect(nothing.stdout).toBe("");
  });

  it("outside a git repository --staged is a usage error", () => {
    const dir = temp("crunify-nogit-");
    const r = crunify(dir, ["check", "--staged"], { GIT_CEILING_DIRECTORIES: tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--staged: git rev-parse failed");
  });
});

describe("the hook manifest", () => {
  it("the README's pre-commit snippet pins rev to this version's tag, with no npm workaround", () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    expect(readme).toContain(`rev: ${VERSION_TAG}`);
    expect(readme).not.toContain("npm_config_loglevel");
  });

  it("the repository's .npmrc keeps npm pack's prepare banner off stdout", () => {
    expect(readFileSync(join(REPO, ".npmrc"), "utf8")).toMatch(/^foreground-scripts=false$/m);
  });

  it("declares crunify-check as a node hook whose files pattern takes every checkable file, compose files and READMEs", () => {
    const composeFiles = ["compose.yaml", "pkg/compose.yml", "pkg/docker-compose.yaml", "tasks/t1/docker-compose.prod.yml"];
    const names = [...CHECKABLE_EXTENSIONS.map((ext) => `pkg/mod${ext}`), "README.md", "environments/x/README.md", ...composeFiles];
    const refused = ["pkg/types.d.ts", "pkg/pyproject.toml", "docs/guide.md", "READMEXmd", "pkg/config.yaml", "pkg/my-compose.yml"];
    const script = `
import json, re, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
hook = next(h for h in hooks if h["id"] == "crunify-check")
names, refused = json.loads(sys.argv[2]), json.loads(sys.argv[3])
take = lambda n: bool(re.search(hook["files"], n)) and not re.search(hook.get("exclude", "^$"), n)
print(json.dumps({k: hook.get(k) for k in ("language", "entry", "pass_filenames", "require_serial")}))
print(json.dumps([n for n in names if not take(n)]))
print(json.dumps([n for n in refused if take(n)]))
`;
    const r = sh(REPO, SYSTEM_PYTHON, ["-c", script, join(REPO, ".pre-commit-hooks.yaml"), JSON.stringify(names), JSON.stringify(refused)]);
    expect(r.code, r.stderr).toBe(0);
    const [hook, missed, wronglyTaken] = r.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(hook).toEqual({ language: "node", entry: "crunify check", pass_filenames: true, require_serial: true });
    expect(missed).toEqual([]);
    expect(wronglyTaken).toEqual([]);
  });
});
