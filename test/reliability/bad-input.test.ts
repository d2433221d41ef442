// The bad-input matrix: each input that could make a codemod corrupt, half-write or crash, run through the built CLI.
// Every case: a message naming the file, exit code as documented, and nothing written that should not be.
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { diffChars } from "diff";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockFileFor } from "../../codemods/driver/file-lock.js";
import { hashBytes, loadSource, writeFileAtomic, writeSourceAtomic } from "../../codemods/driver/source-file-io.js";
import { ensureTempDir } from "../../codemods/driver/temp-dir.js";
import { CLI, crunify, crunifyAsync, crunifyJson, EXECUTOR, git, leftovers, modeOf, repo, snapshot, writeTree, removeTempDirs, tempDir } from "./cli-run.js";

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch {
      // best effort: a mount already gone
    }
  }
  removeTempDirs();
});

beforeAll(() => {
  expect(statSync(CLI).isFile(), "run `npm run build` first").toBe(true);
});

function sh(command: string, ...args: string[]): void {
  execFileSync(command, args, { stdio: "ignore" });
}

/** Whether `probe` runs: mounts and chattr need root with CAP_SYS_ADMIN / CAP_LINUX_IMMUTABLE (CI runs as root). */
function can(what: string, probe: (dir: string) => void): boolean {
  const dir = tempDir("crunify-probe-");
  try {
    probe(dir);
    return true;
  } catch {
    console.warn(`\n!!! crunify reliability: ${what} unavailable here: those tests are skipped !!!\n`);
    return false;
  }
}
const CAN_MOUNT = can("mount (tmpfs, read-only bind)", (dir) => {
  sh("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", dir);
  sh("umount", dir);
});
const CAN_CHATTR = can("chattr +i", (dir) => {
  writeFileSync(join(dir, "f"), "");
  sh("chattr", "+i", join(dir, "f"));
  sh("chattr", "-i", join(dir, "f"));
});

/** A tmpfs of `kib` KiB at a fresh folder, unmounted after the tests. */
function tinyTmpfs(kib: number): string {
  const dir = tempDir("crunify-tmpfs-");
  sh("mount", "-t", "tmpfs", "-o", `size=${kib}k`, "tmpfs", dir);
  cleanups.push(() => sh("umount", dir));
  return dir;
}

/** Fill the filesystem of `dir` until only `leaveBytes` remain free. */
function fillUntil(dir: string, leaveBytes: number): void {
  const fs = statfsSync(dir);
  const free = fs.bavail * fs.bsize;
  writeFileSync(join(dir, "filler.bin"), Buffer.alloc(Math.max(0, free - leaveBytes)));
}

const ENV_PY = readFileSync(join(import.meta.dirname, "../../fixtures/example-repo/environments/multi_swe/multi_swe.py"), "utf8");
const PYPROJECT = '[project]\nname = "demo-env"\nversion = "0.1.0"\n';

describe("inputs that cannot be handled are reported by name, and nothing is written", () => {
  it("a syntax error: error with line:col, exit 1, file intact, other files still handled", () => {
    const broken = "import docker\ndef f(:\n    docker.from_env().containers.run('x')\n";
    const dir = repo({ "a/broken.py": broken, "b/executor.py": EXECUTOR });
    const human = crunify(dir, "apply");
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^a\/broken\.py:2:\d+: error: syntax error at 2:\d+/m);
    expect(readFileSync(join(dir, "a/broken.py"), "utf8")).toBe(broken);
    expect(readFileSync(join(dir, "b/executor.py"), "utf8")).toContain("runtime=self.runtime");
    expect(leftovers(dir)).toEqual([]);
  });

  it("non-UTF-8 bytes: skipped as 'not valid UTF-8', bytes intact", () => {
    const latin1 = Buffer.from("# caf\xe9\n" + EXECUTOR, "latin1");
    const dir = repo({ "latin1.py": latin1 });
    const { code, files } = crunifyJson(dir, "apply");
    expect(code).toBe(0);
    expect(files["latin1.py"]).toMatchObject({ status: "skipped", reason: "not valid UTF-8" });
    expect(readFileSync(join(dir, "latin1.py")).equals(latin1)).toBe(true);
  });

  it("a UTF-8 BOM: handled, and the BOM is kept", () => {
    const dir = repo({ "bom.py": "\ufeff" + EXECUTOR });
    const { code, files } = crunifyJson(dir, "apply");
    expect(code).toBe(0);
    expect(files["bom.py"]).toMatchObject({ status: "changed" });
    const bytes = readFileSync(join(dir, "bom.py"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3, 4).toString()).toBe("i"); // exactly one BOM
    expect(bytes.toString("utf8")).toContain("runtime=self.runtime");
  });

  it("a binary file with a .py name (that even mentions docker): skipped as binary", () => {
    const blob = Buffer.concat([Buffer.from("docker.from_env().containers.run('x')\n"), Buffer.from([0, 1, 2, 0xff, 0xfe])]);
    const dir = repo({ "blob.py": blob });
    const { code, files } = crunifyJson(dir, "apply");
    expect(code).toBe(0);
    expect(files["blob.py"]).toMatchObject({ status: "skipped", reason: expect.stringContaining("binary") });
    expect(readFileSync(join(dir, "blob.py")).equals(blob)).toBe(true);
  });

  it("a 10 MB generated .py: skipped as too large, quickly", () => {
    const big = EXECUTOR + "x = 1  # docker\n".repeat(Math.ceil((10 * 1024 * 1024) / 16));
    const dir = repo({ "big.py": big, "small.py": EXECUTOR });
    const started = Date.now();
    const { code, files } = crunifyJson(dir, "apply");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(code).toBe(0);
    expect(files["big.py"]).toMatchObject({ status: "skipped", reason: expect.stringMatching(/^larger than \d+ MiB/) });
    expect(files["small.py"]).toMatchObject({ status: "changed" });
    expect(readFileSync(join(dir, "big.py"), "utf8") === big).toBe(true);
  });

  it("an empty file: unchanged, still empty, exit 0", () => {
    const dir = repo({ "empty.py": "", "pkg/__init__.py": "" });
    const { code, files } = crunifyJson(dir, "apply");
    expect(code).toBe(0);
    expect(files["empty.py"]?.status ?? "unchanged").toBe("unchanged");
    expect(statSync(join(dir, "empty.py")).size).toBe(0);
    expect(crunify(dir, "check").code).toBe(0);
  });

  it("a symlink out of the tree is skipped and its target never written", () => {
    const outside = tempDir("crunify-outside-");
    writeFileSync(join(outside, "far.py"), EXECUTOR);
    const dir = repo({ "here.py": EXECUTOR });
    symlinkSync(join(outside, "far.py"), join(dir, "far.py"));
    const { code, files } = crunifyJson(dir, "apply", "--force");
    expect(code).toBe(0);
    expect(files["far.py"]).toMatchObject({ status: "skipped", reason: "symlink that points outside the tree" });
    expect(readFileSync(join(outside, "far.py"), "utf8")).toBe(EXECUTOR);
    expect(readFileSync(join(dir, "here.py"), "utf8")).toContain("runtime=self.runtime");
  });

  it("a symlink given by name is skipped, not replaced by a regular file; writeSourceAtomic refuses a symlink too", () => {
    const outside = tempDir("crunify-outside-");
    writeFileSync(join(outside, "far.py"), EXECUTOR);
    const dir = repo();
    symlinkSync(join(outside, "far.py"), join(dir, "link.py"));
    const { code, files } = crunifyJson(dir, "apply", "--force", "link.py");
    expect(code).toBe(0);
    expect(files["link.py"]).toMatchObject({ status: "skipped", reason: expect.stringContaining("symlink to") });
    expect(lstatSync(join(dir, "link.py")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(outside, "far.py"), "utf8")).toBe(EXECUTOR);
    const loaded = loadSource(join(dir, "link.py"));
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(() => writeSourceAtomic(join(dir, "link.py"), "x = 1\n", false, loaded.source.hash)).toThrow(/symlink/);
    expect(lstatSync(join(dir, "link.py")).isSymbolicLink()).toBe(true);
  });

  it("symlink loops (a folder linked to its parent, two files linked to each other) end, each file handled once", () => {
    const dir = repo({ "pkg/executor.py": EXECUTOR });
    symlinkSync("..", join(dir, "pkg/loop"));
    symlinkSync("b.py", join(dir, "a.py"));
    symlinkSync("a.py", join(dir, "b.py"));
    const { code, files, report } = crunifyJson(dir, "apply", "--force");
    expect(code).toBe(0);
    expect(files["a.py"]).toMatchObject({ status: "skipped", reason: expect.stringContaining("loop") });
    expect(files["pkg/executor.py"]).toMatchObject({ status: "changed" });
    expect(report.files.filter((f) => f.path.includes("loop"))).toEqual([]);
    expect(readFileSync(join(dir, "pkg/executor.py"), "utf8").split("runtime=self.runtime").length).toBe(2);
  });

  it("a read-only file (0444) is refused as read-only and kept as it is", () => {
    const dir = repo({ "ro/executor.py": EXECUTOR, "rw/executor.py": EXECUTOR });
    chmodSync(join(dir, "ro/executor.py"), 0o444);
    const human = crunify(dir, "apply", "--force");
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^ro\/executor\.py: error: .*read-only/m);
    expect(readFileSync(join(dir, "ro/executor.py"), "utf8")).toBe(EXECUTOR);
    expect(modeOf(join(dir, "ro/executor.py"))).toBe(0o444);
    expect(readFileSync(join(dir, "rw/executor.py"), "utf8")).toContain("runtime=self.runtime");
    expect(leftovers(dir)).toEqual([]);
  });

  it.runIf(CAN_CHATTR)("an immutable file (chattr +i, EPERM even for root): error names it, original intact, no temp file left", () => {
    const dir = repo({ "executor.py": EXECUTOR });
    sh("chattr", "+i", join(dir, "executor.py"));
    cleanups.push(() => sh("chattr", "-i", join(dir, "executor.py")));
    const human = crunify(dir, "apply", "--force");
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^executor\.py: error: not written: cannot write it \(EPERM/m);
    expect(readFileSync(join(dir, "executor.py"), "utf8")).toBe(EXECUTOR);
    expect(leftovers(dir)).toEqual([]);
  });

  it.runIf(CAN_MOUNT)("a read-only folder (read-only bind mount): error names the file, original intact, no temp or lock left", () => {
    const dir = repo({ "pkg/executor.py": EXECUTOR });
    const pkg = join(dir, "pkg");
    sh("mount", "--bind", pkg, pkg);
    cleanups.push(() => sh("umount", pkg));
    sh("mount", "-o", "remount,bind,ro", pkg);
    const human = crunify(dir, "apply");
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^pkg\/executor\.py: error: not written: .*EROFS/m);
    expect(readFileSync(join(pkg, "executor.py"), "utf8")).toBe(EXECUTOR);
    expect(leftovers(dir)).toEqual([]);
  });

  it("a path with spaces and unicode is read, written and reported by its name", () => {
    const rel = "dir with space/ünï cødé ✓.py";
    const dir = repo({ [rel]: EXECUTOR });
    const human = crunify(dir, "apply");
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`changed ${rel}`);
    expect(readFileSync(join(dir, rel), "utf8")).toContain("runtime=self.runtime");
    expect(crunify(dir, "check", "--force").code).toBe(0);
  });
});

describe("a file changed or deleted between scan and write", () => {
  it("writeSourceAtomic refuses a stale hash and leaves the newer text alone", () => {
    const dir = tempDir("crunify-stale-");
    const path = join(dir, "x.py");
    writeFileSync(path, EXECUTOR);
    const loaded = loadSource(path);
    if (!loaded.ok) throw new Error(loaded.reason);
    writeFileSync(path, EXECUTOR + "# edited meanwhile\n");
    expect(() => writeSourceAtomic(path, "rewritten\n", false, loaded.source.hash)).toThrow(/changed on disk/);
    expect(readFileSync(path, "utf8")).toBe(EXECUTOR + "# edited meanwhile\n");
    unlinkSync(path);
    expect(() => writeSourceAtomic(path, "rewritten\n", false, loaded.source.hash)).toThrow(/disappeared/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("hashBytes of the read bytes is what writeSourceAtomic checks (a BOM file round-trips)", () => {
    const dir = tempDir("crunify-bom-");
    const path = join(dir, "b.py");
    writeFileSync(path, "\ufeffx = 1\r\n");
    const loaded = loadSource(path);
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.source).toMatchObject({ bom: true, text: "x = 1\r\n", hash: hashBytes(readFileSync(path)) });
    writeSourceAtomic(path, "x = 2\r\n", true, loaded.source.hash);
    expect(readFileSync(path, "utf8")).toBe("\ufeffx = 2\r\n");
  });

  // The CLI waits on a file's lock before writing it: holding the lock from this (live) process freezes the CLI
  // between its read and its write, long enough to change or delete the file under it.
  for (const change of ["edit", "delete"] as const) {
    it(`through the CLI: a file ${change === "edit" ? "edited" : "deleted"} while crunify waits to write it is not overwritten`, async () => {
      const dir = repo({ "executor.py": EXECUTOR });
      const path = join(dir, "executor.py");
      ensureTempDir(dir);
      writeFileSync(lockFileFor(path), String(process.pid));
      const running = crunifyAsync(dir, "apply", "--json");
      await new Promise((r) => setTimeout(r, 2500)); // the CLI has read the file and waits for the lock (5 s)
      if (change === "edit") writeFileSync(path, EXECUTOR + "# edited meanwhile\n");
      else unlinkSync(path);
      unlinkSync(lockFileFor(path));
      const result = await running;
      expect(result.code).toBe(1);
      const file = JSON.parse(result.stdout).files.find((f: { path: string }) => f.path === "executor.py");
      expect(file).toMatchObject({ status: "error", reason: expect.stringMatching(change === "edit" ? /changed on disk/ : /disappeared/) });
      if (change === "edit") expect(readFileSync(path, "utf8")).toBe(EXECUTOR + "# edited meanwhile\n");
      else expect(() => statSync(path)).toThrow();
      expect(leftovers(dir)).toEqual([]);
    });
  }
});

describe("README edge cases: apply never crashes; the README is patched by insertions, once, or left alone", () => {
  const readmes = {
    "broken-table": "# demo\n\n## Arguments\n\n| Argument | Default | Meaning\n|:---------|:-------:|\n| `image` | `\"busybox\"` | Image | extra |\n| `workdir`\n",
    "unclosed-fence": "# demo\n\n## Quickstart\n\n```bash\nuv run vf-eval demo -n 5\n\n## Arguments\n\n| Argument | Default | Meaning |\n|---|---|---|\n| `image` | `\"busybox\"` | Image |\n",
    "only-a-fence-opener": "```\n",
  };
  for (const [name, readme] of Object.entries(readmes)) {
    // An unclosed fence makes the rest of the README code: it is left alone, with one finding for a human
    // (it used to append the runtime table inside the open fence, again on every run).
    const unclosed = name !== "broken-table";
    it(name, () => {
      const dir = repo({ "environments/demo/pyproject.toml": PYPROJECT, "environments/demo/demo.py": ENV_PY, "environments/demo/README.md": readme });
      const readmePath = join(dir, "environments/demo/README.md");
      const first = crunifyJson(dir, "apply");
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).not.toMatch(/internal|TypeError|at .*\.js:\d+/);
      const after = readFileSync(readmePath, "utf8");
      expect(diffChars(readme, after).filter((p) => p.removed)).toEqual([]);
      const readmeFindings = first.report.findings.filter((f) => f.rule === "readme-runtime");
      if (unclosed) {
        expect(after).toBe(readme);
        expect(readmeFindings).toMatchObject([{ fixable: false }]);
      } else {
        // The runtime table ends the existing Arguments section, before the Prerequisites section appended after it.
        expect(after.indexOf("| `runtime` |")).toBeGreaterThan(after.indexOf("## Arguments"));
        expect(after.indexOf("| `runtime` |")).toBeLessThan(after.indexOf("## Prerequisites"));
      }
      git(dir, "commit", "-qam", "first");
      const second = crunifyJson(dir, "apply");
      expect(second.code).toBe(0);
      expect(readFileSync(readmePath, "utf8")).toBe(after);
      if (unclosed) {
        // Human output: exit 0, README untouched, the finding on stderr marked as needing a human.
        const human = crunify(dir, "apply");
        expect(human.code, human.stderr).toBe(0);
        const line = readme.split("\n").findIndex((l) => l.startsWith("```")) + 1;
        expect(human.stderr).toContain(`README.md:${line}:1: warning: readme-runtime the README has an unclosed \`\`\` fence at line ${line}`);
        expect(human.stderr).toContain("close it, then run crunify again");
        expect(readFileSync(readmePath, "utf8")).toBe(readme);
      }
    });
  }
});

describe.runIf(CAN_MOUNT)("disk full and write errors on a tiny tmpfs: the original stays intact and no temp file is left", () => {
  const original = "x = 1\n".repeat(3000); // 18 000 bytes
  const bigger = "y = 22\n".repeat(6000);

  it("writeFileAtomic: a write that fits only partly (short write) fails instead of truncating", () => {
    const dir = tinyTmpfs(64);
    writeFileSync(join(dir, "orig.py"), original);
    fillUntil(dir, 4096);
    expect(() => writeFileAtomic(join(dir, "orig.py"), bigger)).toThrow(/cannot write it \(ENOSPC: no space left on device\); the original is unchanged/);
    expect(readFileSync(join(dir, "orig.py"), "utf8")).toBe(original);
    expect(readdirSync(dir).sort()).toEqual(["filler.bin", "orig.py"]);
  });

  it("writeFileAtomic: no space at all", () => {
    const dir = tinyTmpfs(64);
    writeFileSync(join(dir, "orig.py"), original);
    fillUntil(dir, 0);
    expect(() => writeFileAtomic(join(dir, "orig.py"), bigger)).toThrow(/ENOSPC/);
    expect(readFileSync(join(dir, "orig.py"), "utf8")).toBe(original);
    expect(readdirSync(dir).sort()).toEqual(["filler.bin", "orig.py"]);
  });

  for (const [label, free] of [["room for the lock and part of the file", 8192], ["no room even for the lock", 0]] as const) {
    it(`the CLI on a full disk (${label}): error names the file, original intact, nothing left behind`, () => {
      const dir = tinyTmpfs(128);
      const padded = EXECUTOR + "\n# padding\n".repeat(1500); // larger than the room left
      writeTree(dir, { "executor.py": padded });
      fillUntil(dir, free);
      const before = snapshot(dir);
      const human = crunify(dir, "apply", "--force"); // a tmpfs outside any git work tree
      expect(human.code).toBe(1);
      expect(human.stderr).toMatch(/^executor\.py: error: not written: cannot (write|lock) it \(ENOSPC/m);
      expect(snapshot(dir)).toEqual(before);
      expect(leftovers(dir)).toEqual([]);
      rmSync(join(dir, "filler.bin"));
      expect(crunify(dir, "apply", "--force").code).toBe(0); // room again: no stale lock stands in the way
      expect(readFileSync(join(dir, "executor.py"), "utf8")).toContain("runtime=self.runtime");
    });
  }
});
