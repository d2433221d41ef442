// The Python syntax check must be as strict as CPython. (a) Snippets tree-sitter parses cleanly: the structural check
// rejects exactly those CPython rejects, on the same line. (b) Differential: every Python fixture output, every output
// of the mutation runs and every corpus output gets the same verdict from the structural check and from CPython.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCodemods } from "../codemods/driver/run.js";
import { defaultOptions } from "../codemods/driver/defaults.js";
import { languageOf, loadLanguage } from "../codemods/languages/registry.js";
import { compileWithCPython, findPython, pythonSyntaxErrors, stopCPython } from "../codemods/languages/python/cpython-check.js";
import { pythonCodemod } from "../codemods/languages/python/index.js";
import { firstSyntaxError, parsePython } from "../codemods/languages/python/parser.js";
import { strictSyntaxError } from "../codemods/languages/python/strict-syntax.js";
import { applyCaseFindings, loadCases, transformCase } from "./helpers/fixture-cases.js";
import { mutateCase, PLANS, runSeeds } from "./helpers/mutation-runs.js";
import { corpusTree, removeTempDirs, snapshot, tempDir, writeTree } from "./reliability/cli-run.js";

const PY_FIXTURES = join(import.meta.dirname, "../fixtures/codemods/python");
const python = await findPython();
if (!python) console.warn("strict-syntax: no python3 found, the CPython comparisons are skipped");
afterAll(() => {
  stopCPython();
  removeTempDirs();
});

// [source, line CPython reports]: clean trees for tree-sitter, SyntaxErrors for CPython.
const REJECTED: [string, number][] = [
  ['def __init__(self, **kwargs: Any, runtime: str = "crun"): pass', 1],
  ['def __init__(self, **kwargs, runtime="crun"): pass', 1],
  ['def __init__(\n    self,\n    **kwargs: Any,\n    runtime: str = "crun",\n):\n    pass', 4],
  ["def f(a=1, b): pass", 1],
  ["def f(a, b=1, /, c): pass", 1],
  ["def f(image: str = 'x', runtime): pass", 1],
  ["def f(a, a): pass", 1],
  ["def f(runtime, *, runtime='crun'): pass", 1],
  ["def f(runtime, **runtime): pass", 1],
  ["def f(*, **kwargs): pass", 1],
  ["def f(a, *): pass", 1],
  ["def f(*,): pass", 1],
  ["def f(/, a): pass", 1],
  ["def f(a, /, /): pass", 1],
  ["def f(a, *, /): pass", 1],
  ["def f(*args, *, b): pass", 1],
  ["def f(*a, *b): pass", 1],
  ["def f(a, (b, c)): pass", 1],
  ["g = lambda a=1, b: 0", 1],
  ["g = lambda a, a: 0", 1],
  ["g = lambda *: 0", 1],
  ["f(a=1, b)", 1],
  ["f(**kwargs, image)", 1],
  ["f(**kwargs, *args)", 1],
  ["f(runtime=r, runtime=r)", 1],
  ['f(runtime=r, **kwargs, runtime="crun")', 1],
  ["client.containers.run(\n    image,\n    runtime=self.runtime,\n    detach=True,\n    runtime=runtime,\n)", 5],
  ["class A(metaclass=M, Base): pass", 1],
  ["class A(Base, metaclass=M, metaclass=N): pass", 1],
  ["@dec(a=1, a=2)\ndef g(): pass", 1],
  ["f(a=1, b := 2)", 1],
  ["f(await=1)", 1],
  ["async = 1", 1],
  ['print "x"', 1],
  ['exec "code"', 1],
  ["[x for x in a, b]", 1],
  ["if a:\n    x = 1\n  y = 2", 3],
  ["def f():\n\tx = 1\n        y = 2", 3],
  ["class A:\n\tdef __init__(self):\n\t\tself.a = 1\n        \tself.runtime = runtime", 4],
];

const ACCEPTED: string[] = [
  "def f(a, /, b, *, c): pass",
  "def f(a, b=1, *args, c, d=2, **kwargs): pass",
  "def f(*, a=1, b): pass",
  'def __init__(self, runtime: str = "crun", **kwargs: Any,): pass',
  "def f(a, *args: int, b: int = 2, **kw: Any,): pass",
  "def f(a, /): pass",
  "g = lambda *a, **k: 0",
  "g = lambda *, a: 0",
  "f(*a, b)",
  "f(a=1, *b)",
  "f(**k, a=1)",
  "f(*a, *b, c=1, *d, **e, **g)",
  'f(**{"runtime": runtime, **kwargs})',
  'd = {"runtime": 1, "runtime": 2}',
  "f(x for x in y)",
  "for x in a, b: pass",
  "[x for x, y in z]",
  "match = 1\ntype = 2\nf(match=1, type=2, case=3, _=4)",
  "async def f():\n    await g(x, async_=1)",
  "class A(Base, metaclass=M): pass",
  "def f():\n\tx = 1\n\tif x:\n\t\ty = 2",
  "x = (1 +\n  2)\ny = 3",
  'if a:\n    s = """\n  text\n"""\n    t = 1',
  "x = 1 + \\\n  2\n",
  "if a:\n    x = 1\n  # a comment\n    y = 2",
  "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass",
  "try:\n    pass\nexcept E as e:\n    pass\nfinally:\n    pass",
];

describe("structural check: what tree-sitter lets through", () => {
  let cpython: Awaited<ReturnType<typeof compileWithCPython>> | undefined;
  beforeAll(async () => {
    if (python) cpython = await compileWithCPython([...REJECTED.map(([s]) => s), ...ACCEPTED].map((text, i) => ({ name: `s${i}.py`, text })));
  });

  REJECTED.forEach(([source, line], i) => {
    it(`rejects ${JSON.stringify(source)}`, async () => {
      const tree = await parsePython(source);
      expect(firstSyntaxError(tree.rootNode), "tree-sitter accepts it (else it does not belong here)").toBeNull();
      tree.delete();
      expect(await strictSyntaxError(source)).toMatch(new RegExp(`^syntax error at ${line}:\\d+: \\S`));
      if (cpython?.available) expect(cpython.verdicts[i], "CPython rejects it on that line").toMatchObject({ lineno: line });
    });
  });

  ACCEPTED.forEach((source, i) => {
    it(`accepts ${JSON.stringify(source)}`, async () => {
      expect(await strictSyntaxError(source)).toBeNull();
      if (cpython?.available) expect(cpython.verdicts[REJECTED.length + i], "CPython accepts it").toBeNull();
    });
  });
});

describe("pythonSyntaxErrors: CPython's verdict, where it speaks the file's Python", () => {
  it.runIf(python)("rejects what only CPython's compiler catches, naming line:col and the version", async () => {
    const [error] = await pythonSyntaxErrors([{ path: "a.py", text: "x = 1\nreturn x\n", before: "x = 1\n" }]);
    expect(error).toMatch(/^syntax error at 2:1: 'return' outside function \(CPython 3\.\d+\.\d+\)$/);
  });

  it.runIf(python)("leaves the verdict to the structural check when CPython rejects the input too", async () => {
    const before = "x = 1\nreturn x\n"; // as if written for another Python than this CPython
    expect(await pythonSyntaxErrors([{ path: "a.py", text: before + "y = 2\n", before }])).toEqual([null]);
    const broken = await pythonSyntaxErrors([{ path: "a.py", text: before + "def f(a=1, b): pass\n", before }]);
    expect(broken[0]).toMatch(/^syntax error at 3:12: parameter without a default/);
  });

  it.runIf(python)("answers 'unavailable' after a timeout, and starts a fresh interpreter for the next batch", async () => {
    const big = "x = [\n" + "    1 + 2,\n".repeat(20_000) + "]\n";
    const late = await compileWithCPython([{ name: "big.py", text: big }], 1);
    expect(late).toMatchObject({ available: false, reason: expect.stringMatching(/no answer within 1 ms/) });
    expect(await compileWithCPython([{ name: "a.py", text: "x = 1\n" }])).toMatchObject({ available: true, verdicts: [null] });
  });

  it("falls back to the structural check when there is no python3", async () => {
    vi.stubEnv("CRUNIFY_PYTHON", "/nonexistent/python3");
    vi.resetModules();
    try {
      const fresh = await import("../codemods/languages/python/cpython-check.js");
      expect(await fresh.compileWithCPython([{ name: "a.py", text: "x = 1\n" }])).toMatchObject({ available: false });
      const texts = ["return 1\n", "def f(**kw, a): pass\n"].map((text) => ({ path: "a.py", text }));
      const [onlyCPythonCatches, structural] = await fresh.pythonSyntaxErrors(texts);
      expect(onlyCPythonCatches).toBeNull();
      expect(structural).toMatch(/^syntax error at 1:13: parameter follows '\*\*kw'/);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it("the driver refuses to write a Python file that would not compile, naming line:col", async () => {
    // A parameter after an annotated **kwargs was once written by a real run; whatever the codemod does with this
    // owner today, the driver must not plan a text CPython rejects.
    const dir = tempDir();
    writeTree(dir, {
      "sandbox/pyproject.toml": '[project]\nname = "sandbox"\n',
      "sandbox/sandbox.py":
        "from typing import Any\nimport docker\n\n\nclass Sandbox:\n    def __init__(self, image: str, **kwargs: Any):\n" +
        "        self.image = image\n\n    def start(self):\n        return docker.from_env().containers.run(self.image, detach=True)\n\n\n" +
        "def load_environment(image: str = \"python:3.11\", **kwargs: Any):\n    return Sandbox(image)\n",
    });
    const report = await runCodemods({ ...defaultOptions(), paths: [dir], mode: "apply", dryRun: true, readme: false });
    const file = report.files.find((f) => f.path.endsWith("sandbox.py"))!;
    const change = report.changes.find((c) => c.path === file.path);
    if (file.status === "error") expect(file.reason).toMatch(/would not parse \(syntax error at \d+:\d+: /);
    else expect(change && (await strictSyntaxError(change.after))).toBeNull();
    if (change && python) expect(await compileWithCPython([{ name: "sandbox.py", text: change.after }])).toMatchObject({ verdicts: [null] });
  });

  it("a file that would not parse holds back the rest of its environment, whose edits rely on it", async () => {
    // env.py would pass `runtime=` to the parameter sandbox.py's rewrite adds: written alone it would raise a TypeError.
    const dir = tempDir();
    writeTree(dir, {
      "pkg/pyproject.toml": '[project]\nname = "pkg"\n',
      "pkg/sandbox.py": "import docker\n\n\ndef start(image):\n    return docker.from_env().containers.run(image, detach=True)\n",
      "pkg/env.py": "from sandbox import start\n\n\ndef load_environment(image: str = \"python:3.11\", **kwargs):\n    return start(image)\n",
    });
    const options = { ...defaultOptions(), paths: [dir], mode: "apply" as const, dryRun: true, readme: false };
    const fileOf = (report: Awaited<ReturnType<typeof runCodemods>>, name: string) => report.files.find((f) => f.path.endsWith(name));
    expect(fileOf(await runCodemods(options), "env.py")?.status).toBe("changed");
    // The instance the driver asks (an earlier test's vi.resetModules() may have loaded a fresh one).
    const codemod = await loadLanguage(languageOf("env.py")!);
    const spy = vi.spyOn(codemod, "syntaxError").mockImplementation(async (path) => (path.endsWith("sandbox.py") ? "syntax error at 1:1: injected" : null));
    try {
      const report = await runCodemods(options);
      expect(fileOf(report, "sandbox.py")).toMatchObject({ status: "error", reason: expect.stringMatching(/would not parse \(syntax error at 1:1: injected\)/) });
      expect(fileOf(report, "env.py")).toMatchObject({ status: "error", reason: expect.stringMatching(/not written: sandbox\.py, in the same environment, could not be rewritten/) });
      expect(report.changes).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("differential: the structural check and CPython agree", () => {
  it.runIf(!python && process.env.CI === "true")("has a python3 in CI", () => {
    expect.fail("CI=true but no python3 was found: the differential syntax tests did not run");
  });

  /** Files on which the two disagree, each with both verdicts. */
  async function disagreements(files: { name: string; text: string }[]): Promise<string[]> {
    const cpython = await compileWithCPython(files);
    if (!cpython.available) throw new Error(cpython.reason);
    const out: string[] = [];
    for (const [i, { name, text }] of files.entries()) {
      const structural = await strictSyntaxError(text);
      const verdict = cpython.verdicts[i];
      const said = verdict === "unknown" ? "could not judge" : verdict ? `${verdict.lineno}:${verdict.offset} ${verdict.msg}` : "accepts";
      if (verdict === "unknown" || (structural === null) !== (verdict === null)) out.push(`${name}: structural ${structural ?? "accepts"}; CPython ${said}`);
    }
    console.log(`differential: ${files.length} files, ${files.length - out.length} with the same verdict (CPython ${cpython.version})`);
    return out;
  }

  it.runIf(python)("on every Python fixture output", async () => {
    const files = loadCases(PY_FIXTURES).flatMap((c) =>
      [...c.output].filter(([rel]) => rel.endsWith(".py")).map(([rel, text]) => ({ name: `${c.name}/${rel}`, text })),
    );
    expect(files.length).toBeGreaterThan(40);
    expect(await disagreements(files)).toEqual([]);
  });

  it.runIf(python)("on every output of the mutation runs", { timeout: 600_000 }, async () => {
    const files: { name: string; text: string }[] = [];
    for (const c of loadCases(PY_FIXTURES)) {
      for (const [plan, names] of PLANS) {
        for (const seed of runSeeds()) {
          const { input, mutated } = await mutateCase(pythonCodemod, c, names, seed);
          if (mutated.length === 0) continue;
          const output = applyCaseFindings(input, (await transformCase(pythonCodemod, input, c.options)).findings);
          for (const [rel, text] of output) if (rel.endsWith(".py")) files.push({ name: `${c.name} · ${plan} · ${seed}: ${rel}`, text });
        }
      }
    }
    expect(files.length).toBeGreaterThan(1000);
    expect(await disagreements(files)).toEqual([]);
  });

  it.runIf(python)("on every corpus output (fixtures/ and generated environments, applied by the driver)", { timeout: 240_000 }, async () => {
    const dir = corpusTree();
    const report = await runCodemods({ ...defaultOptions(), paths: [dir], mode: "apply", dryRun: true });
    expect(report.files.filter((f) => f.status === "error")).toEqual([]);
    const after = new Map(report.changes.map((c) => [c.path, c.after]));
    const files = [...snapshot(dir).keys()]
      .filter((rel) => languageOf(rel)?.id === "python")
      .map((rel) => ({ name: rel, text: after.get(join(dir, rel)) ?? readFileSync(join(dir, rel), "utf8") }));
    expect(files.length).toBeGreaterThan(100);
    expect(report.changes.filter((c) => c.path.endsWith(".py")).length).toBeGreaterThan(20);
    expect(await disagreements(files)).toEqual([]);
  });
});
