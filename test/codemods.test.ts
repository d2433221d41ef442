// One loop over fixtures/codemods/<language>/<case> for every language in the registry, with the same invariants:
// the exact output, a strict re-parse of every output, idempotence (nothing left to fix), insertions only, findings
// inside their file, `no-transform-*` cases untouched and `manual-*` cases reported for a human.
import { join } from "node:path";
import { diffChars } from "diff";
import { describe, expect, it } from "vitest";
import { LANGUAGES, loadLanguage } from "../codemods/languages/registry.js";
import { applyCaseFindings, loadCases, transformCase } from "./helpers/fixture-cases.js";

const ROOT = join(import.meta.dirname, "../fixtures/codemods");

for (const language of LANGUAGES) {
  const cases = loadCases(join(ROOT, language.id));
  describe(`${language.id} codemod fixtures`, () => {
    it("has cases", () => expect(cases.length).toBeGreaterThan(10));

    for (const c of cases) {
      it(c.name, async () => {
        const codemod = await loadLanguage(language);
        const result = await transformCase(codemod, c.input, c.options);
        // A case that lists `errors` must be refused with those reasons, and its files left as they are.
        expect(result.errors.map((e) => e.reason)).toEqual(c.expect.errors ?? []);
        const actual = applyCaseFindings(c.input, result.findings);
        expect([...actual.keys()].sort()).toEqual([...c.output.keys()].sort());
        for (const [rel, expected] of c.output) expect(actual.get(rel), `${c.name}/${rel}`).toBe(expected);
        if (c.expect.errors) return;

        for (const [rel, text] of actual) {
          if (!language.matches(rel)) continue;
          expect(await codemod.syntaxError(rel, text), `${rel} must parse`).toBeNull();
          // Only insertions: every input character survives, in order.
          expect(diffChars(c.input.get(rel)!, text).filter((p) => p.removed).map((p) => p.value), rel).toEqual([]);
        }

        for (const finding of result.findings) {
          const rel = finding.path.slice("/fixture/".length);
          const lines = c.input.get(rel)?.split("\n");
          expect(lines, finding.path).toBeDefined();
          expect(finding.line).toBeGreaterThanOrEqual(1);
          expect(finding.line).toBeLessThanOrEqual(lines!.length);
          expect(finding.col).toBeGreaterThanOrEqual(1);
          expect(finding.col).toBeLessThanOrEqual(lines![finding.line - 1]!.length + 1);
          if (finding.rule === "manual-runtime") expect(finding.fix).toEqual([]);
          else if (!finding.ignored) expect(finding.fix.length, finding.message).toBeGreaterThan(0);
        }

        // Idempotent: nothing left to fix; only the findings that need a human (or are ignored) remain.
        const again = await transformCase(codemod, actual, c.options);
        expect(again.findings.filter((f) => f.fix.length > 0 && !f.ignored).map((f) => `${f.rule} ${f.message}`)).toEqual([]);
        expect(again.findings.length).toBe(result.findings.filter((f) => f.fix.length === 0 || f.ignored).length);

        if (c.name.startsWith("no-transform-")) expect(result.findings.filter((f) => f.fix.length > 0 && !f.ignored)).toEqual([]);
        if (c.name.startsWith("manual-")) expect(result.findings.some((f) => f.rule === "manual-runtime" && f.fix.length === 0)).toBe(true);
        if (c.expect.support) expect(result.support).toBe(c.expect.support);
        if (c.expect.reason) expect(result.reason).toBe(c.expect.reason);
        if (c.expect.rules) expect([...new Set(result.findings.map((f) => f.rule))].sort()).toEqual([...new Set(c.expect.rules)].sort());
        for (const note of c.expect.notes ?? []) expect(result.notes.join("\n")).toContain(note);
        for (const note of c.expect.notNotes ?? []) expect(result.notes.join("\n")).not.toContain(note);
        for (const text of c.expect.messages ?? []) expect(result.findings.map((f) => f.message).join("\n")).toContain(text);
        if (c.expect.manualLines) expect(result.findings.filter((f) => f.rule === "manual-runtime").map((f) => f.line).sort((a, b) => a - b)).toEqual(c.expect.manualLines);
      });
    }
  });
}
