// `crunify check` on real files with the built CLI: which findings a file-scoped check reports, every output format
// checked against its consumer's rules, the ignore comment visible in --json, and --fix.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULE_IDS } from "../codemods/driver/output-formats.js";
import { assertSarif } from "./helpers/sarif.js";
import { crunify, git, makeProject } from "./helpers/check-project.js";

const ENV = "environments/terminal_bench";
let root: string;

beforeAll(() => {
  root = makeProject();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** path → "rule@line" of the open findings, from --json. */
function openFindings(args: string[]): string[] {
  const r = crunify(root, ["check", ...args, "--format", "json"]);
  expect(r.stderr).toBe("");
  const json = JSON.parse(r.stdout) as { findings: { path: string; rule: string; line: number; ignored: boolean }[] };
  return json.findings.filter((f) => !f.ignored).map((f) => `${f.path} ${f.rule}@${f.line}`);
}

describe("check scope: given files are judged with their environment, and only they are reported", () => {
  const cases: { name: string; args: string[]; expected: string[] }[] = [
    {
      name: "the load_environment file: forwarding needs the owner from another file",
      args: [`${ENV}/terminal_bench.py`],
      expected: [`${ENV}/terminal_bench.py load-environment-runtime@12`, `${ENV}/terminal_bench.py runtime-forwarding@17`],
    },
    {
      name: "the executor file",
      args: [`${ENV}/docker_executor.py`],
      expected: [`${ENV}/docker_executor.py owner-runtime-param@7`, `${ENV}/docker_executor.py container-runtime@25`],
    },
    {
      name: "the README: readme-runtime comes from the environment's analysis",
      args: [`${ENV}/README.md`],
      expected: [`${ENV}/README.md readme-runtime@7`, `${ENV}/README.md readme-runtime@11`],
    },
    { name: "a file with only an ignored site", args: [`${ENV}/legacy.py`], expected: [] },
    {
      name: "a loose file outside any environment",
      args: ["scripts/probe.py"],
      expected: ["scripts/probe.py owner-runtime-param@4", "scripts/probe.py container-runtime@5"],
    },
    { name: "a file no plugin reads is passed over with --allow-empty", args: [`${ENV}/pyproject.toml`, "--allow-empty"], expected: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(openFindings(c.args).sort()).toEqual(c.expected.sort());
    });
  }

  it("a folder is checked whole: every file of the scoped cases, nothing else", () => {
    const all = openFindings(["."]);
    const files = new Set(all.map((f) => f.split(" ")[0]));
    expect([...files].sort()).toEqual(
      [`${ENV}/README.md`, `${ENV}/docker_executor.py`, `${ENV}/terminal_bench.py`, "scripts/probe.py"].sort(),
    );
  });

  it("a file no plugin reads, given alone, is a usage error (exit 2) that names it", () => {
    const r = crunify(root, ["check", `${ENV}/pyproject.toml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`crunify check: ${ENV}/pyproject.toml: not a file crunify reads (Python, TypeScript/JavaScript or Compose files and READMEs; --allow-empty to accept)\n`);
  });

  it("a missing file is a usage error (exit 2)", () => {
    const r = crunify(root, ["check", `${ENV}/nope.py`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.py: no such file or folder");
  });
});

// One loop over the formats: each parses the way its consumer parses it.
const FORMATS: { format: string; validate: (stdout: string) => void }[] = [
  {
    format: "text",
    validate(stdout) {
      const lines = stdout.trim().split("\n");
      expect(lines.length).toBe(8);
      // GNU style, as compilers print it: what vim's errorformat (%f:%l:%c: %t%*[^:]: %m) and problem matchers read.
      for (const line of lines) expect(line).toMatch(/^[^\s:]+:\d+:\d+: error: [a-z-]+ \S.*$/);
      expect(stdout).not.toContain("legacy.py"); // ignored by comment
      expect(stdout).toContain("add `runtime=self.runtime`"); // the fix in words
    },
  },
  {
    format: "json",
    validate(stdout) {
      const json = JSON.parse(stdout);
      const ignored = json.findings.filter((f: { ignored: boolean }) => f.ignored);
      expect(ignored).toEqual([
        expect.objectContaining({ path: `${ENV}/legacy.py`, rule: "container-runtime", line: 10, ignored: true }),
      ]);
      expect(json.summary).toMatchObject({ findings: 8, ignored: 1, errors: 0 });
      for (const f of json.findings) {
        expect(RULE_IDS).toContain(f.rule);
        expect(f.endLine).toBe(f.line);
        expect(f.endColumn).toBeGreaterThanOrEqual(f.col);
      }
    },
  },
  {
    format: "github",
    validate(stdout) {
      const lines = stdout.trim().split("\n");
      expect(lines.length).toBe(8);
      for (const line of lines) {
        const m = /^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=crunify ([a-z-]+)::([a-z-]+): (.+)$/.exec(line);
        expect(m, line).not.toBeNull();
        expect(RULE_IDS).toContain(m![8]);
        expect(m![7]).toBe(m![8]);
        expect(Number(m![5])).toBe(Number(m![3]));
        expect(Number(m![6])).toBeGreaterThanOrEqual(Number(m![4]));
        expect(m![9]).not.toMatch(/[\r\n]/);
      }
    },
  },
  {
    format: "sarif",
    validate(stdout) {
      assertSarif(JSON.parse(stdout));
      const log = JSON.parse(stdout);
      const results = log.runs[0].results;
      expect(results.length).toBe(9); // 8 open + 1 suppressed
      expect(results.filter((r: { suppressions?: unknown[] }) => r.suppressions).length).toBe(1);
    },
  },
];

describe("output formats", () => {
  for (const { format, validate } of FORMATS) {
    it(`--format ${format}`, () => {
      const r = crunify(root, ["check", ".", "--format", format]);
      expect(r.code).toBe(1);
      validate(r.stdout);
    });
  }

  it("--json is --format json", () => {
    expect(crunify(root, ["check", ".", "--json"]).stdout).toBe(crunify(root, ["check", ".", "--format", "json"]).stdout);
  });

  it("an unknown format is a usage error", () => {
    const r = crunify(root, ["check", ".", "--format", "xml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format 'xml'");
  });

  it("a clean file exits 0 and the formats stay well-formed", () => {
    for (const format of ["json", "sarif"]) {
      const r = crunify(root, ["check", `${ENV}/legacy.py`, "--format", format]);
      expect(r.code).toBe(0);
      JSON.parse(r.stdout);
    }
    expect(crunify(root, ["check", `${ENV}/legacy.py`, "--format", "github"]).stdout).toBe("");
  });
});

describe("README rules section", () => {
  it("documents every rule id with a bad and a good example, and both ignore comment forms", () => {
    const readme = readFileSync(join(import.meta.dirname, "../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("<!-- section:rules -->"), readme.indexOf("<!-- section:development -->"));
    const parts = section.split(/\n\*\*`/).slice(1);
    expect(parts.map((p) => p.slice(0, p.indexOf("`")))).toEqual(RULE_IDS);
    for (const part of parts) expect(part).toMatch(/bad[\s\S]*good/);
    expect(section).toContain("# crunify: ignore[container-runtime]");
    expect(section).toContain("// crunify-ignore container-runtime");
  });
});

describe("check --fix", () => {
  it("refuses files git holds no copy of, then fixes committed ones; the check is clean afterwards", () => {
    const dir = makeProject();
    try {
      git(dir, "init", "-q");
      const untracked = crunify(dir, ["check", "--fix", ENV]);
      expect(untracked.code).toBe(1);
      expect(untracked.stderr).toContain("git holds no copy of it");
      expect(readFileSync(join(dir, ENV, "docker_executor.py"), "utf8")).not.toContain("runtime");

      git(dir, "add", "-A");
      git(dir, "commit", "-qm", "before");
      const fixed = crunify(dir, ["check", "--fix", ENV]);
      expect(fixed.stderr).toContain(`fixed: ${ENV}/docker_executor.py`);
      expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
      expect(readFileSync(join(dir, ENV, "docker_executor.py"), "utf8")).toContain("runtime=self.runtime");
      expect(crunify(dir, ["check", ENV]).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a fix that reaches beyond the given file says so and exits 1 (stage those files too)", () => {
    const dir = makeProject();
    try {
      git(dir, "init", "-q");
      git(dir, "add", "-A");
      git(dir, "commit", "-qm", "before");
      const r = crunify(dir, ["check", "--fix", `${ENV}/terminal_bench.py`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/also changed, outside the checked files.*docker_executor\.py/);
      expect(crunify(dir, ["check", `${ENV}/terminal_bench.py`]).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a staged file changed again in the work tree is not rewritten without --force", () => {
    const dir = makeProject();
    try {
      git(dir, "init", "-q");
      git(dir, "add", "-A");
      git(dir, "commit", "-qm", "before");
      const file = join(dir, ENV, "docker_executor.py");
      writeFileSync(file, readFileSync(file, "utf8") + "\n# unstaged edit\n");
      const r = crunify(dir, ["check", "--fix", ENV]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("docker_executor.py: not fixed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the guard is per environment: a changed file holds back its own environment, the others are fixed", () => {
    const dir = makeProject();
    try {
      const other = "environments/second_bench";
      cpSync(join(dir, ENV), join(dir, other), { recursive: true });
      git(dir, "init", "-q");
      git(dir, "add", "-A");
      git(dir, "commit", "-qm", "before");
      const held = join(dir, other, "docker_executor.py");
      const heldText = readFileSync(held, "utf8") + "\n# unstaged edit\n";
      writeFileSync(held, heldText);
      const r = crunify(dir, ["check", "--fix", "environments"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/second_bench\/docker_executor\.py.*changed since git add/);
      expect(readFileSync(held, "utf8")).toBe(heldText);
      expect(readFileSync(join(dir, ENV, "docker_executor.py"), "utf8")).toContain("runtime=self.runtime");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
