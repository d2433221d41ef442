// The corpus run: every file under fixtures/ (codemod inputs and outputs, the example repo, the README fixtures, the
// verifiers stub) plus freshly generated environments, in one temp git repo, through the built CLI. Nothing may fail
// to parse, the codemods may only insert, and a second apply must change nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { diffChars } from "diff";
import { afterAll, describe, expect, it } from "vitest";
import { languageOf, loadLanguage } from "../../codemods/languages/registry.js";
import { corpusTree, crunifyJson, crunifyWithEnv, git, leftovers, snapshot, removeTempDirs } from "./cli-run.js";

afterAll(removeTempDirs);

function sourceTexts(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of snapshot(dir).keys()) if (languageOf(rel)) out.set(rel, readFileSync(join(dir, rel), "utf8"));
  return out;
}

async function parseProblems(texts: Map<string, string>): Promise<string[]> {
  const problems: string[] = [];
  for (const [rel, text] of texts) {
    const codemod = await loadLanguage(languageOf(rel)!);
    const problem = await codemod.syntaxError(rel, text);
    if (problem) problems.push(`${rel}: ${problem}`);
  }
  return problems;
}

describe("corpus: every fixture file and generated environment", () => {
  // Three `crunify new`, two applies and a check over ~200 files: a minute alone on this 2-core machine, more beside
  // other suites.
  it("applies without a parse failure, only inserts, and is idempotent", { timeout: 240_000 }, async () => {
    const dir = corpusTree();
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "corpus");

    const everything = new Map([...snapshot(dir).keys()].map((rel) => [rel, readFileSync(join(dir, rel), "utf8")]));
    const before = sourceTexts(dir);
    expect(before.size).toBeGreaterThan(100);
    expect(await parseProblems(before), "corpus files that do not parse before apply").toEqual([]);

    // check and apply are one analysis: the same findings, whatever each does with them afterwards.
    const key = (f: { path: string; rule: string; line?: number; col?: number; message?: string }) => `${f.path}:${f.line}:${f.col} ${f.rule} ${f.message}`;
    const checked = crunifyJson(dir, "check").report.findings.map(key).sort();
    const planned = crunifyJson(dir, "apply", "--dry-run").report.findings.map(key).sort();
    expect(checked.length).toBeGreaterThan(20);
    expect(planned, "apply --dry-run and check disagree").toEqual(checked);

    // The language thread (codemods/driver/language-thread.ts) changes where TypeScript is analysed, never the report.
    for (const command of ["check", "audit"]) {
      const run = (thread: string) => crunifyWithEnv({ CRUNIFY_LANGUAGE_THREAD: thread, CRUNIFY_DEBUG: "1" }, dir, command, "--json");
      const [threaded, inline] = [run("1"), run("0")];
      expect(threaded.stderr, `${command} used the language thread`).toContain("typescript is analysed on a worker thread");
      expect(inline.stderr).not.toContain("worker thread");
      expect(threaded.stdout.length).toBeGreaterThan(1000);
      expect(threaded.stdout, `${command}'s report with and without the language thread`).toBe(inline.stdout);
    }

    const first = crunifyJson(dir, "apply");
    const errors = first.report.files.filter((f) => f.status === "error");
    expect(errors, "files crunify could not handle").toEqual([]);
    expect(first.code, first.stderr).toBe(0);
    expect(leftovers(dir)).toEqual([]);

    const after = sourceTexts(dir);
    expect(await parseProblems(after), "files that do not parse after apply").toEqual([]);
    let insertions = 0;
    const removals: string[] = [];
    for (const [rel, old] of everything) {
      const now = readFileSync(join(dir, rel), "utf8");
      for (const part of diffChars(old, now)) {
        if (part.added) insertions++;
        if (part.removed) removals.push(`${rel}: ${JSON.stringify(part.value)}`);
      }
    }
    expect(removals, "text the codemods removed").toEqual([]);

    git(dir, "commit", "-qam", "applied");
    const second = crunifyJson(dir, "apply");
    expect(second.report.files.filter((f) => f.status !== "unchanged"), "files a second apply changed").toEqual([]);
    expect(git(dir, "status", "--porcelain")).toBe("");
    const check = crunifyJson(dir, "check");
    expect(check.report.findings.filter((f) => f.fixable && !(f as { ignored?: boolean }).ignored), "fixable findings left").toEqual([]);

    const changed = first.report.files.filter((f) => f.status === "changed");
    const counts = {
      sourceFiles: before.size,
      filesInReport: first.report.files.length,
      filesChanged: changed.length,
      sourceFilesChanged: changed.filter((f) => languageOf(f.path)).length,
      readmesChanged: changed.filter((f) => f.path.endsWith(".md")).length,
      sites: first.report.summary.sites,
      fixesApplied: first.report.findings.filter((f) => f.fixable && !(f as { ignored?: boolean }).ignored).length,
      manualFindings: first.report.findings.filter((f) => !f.fixable).length,
      insertions,
      environmentsWired: first.report.summary.environmentsWired,
      environmentsLeftAlone: first.report.summary.environmentsLeftAlone,
    };
    console.log(`corpus counts: ${JSON.stringify(counts)}`);
  });
});
