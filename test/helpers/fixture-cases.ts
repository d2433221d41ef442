// Fixture cases on disk, the same for every language: `<case>/input.<ext>` + `<case>/output.<ext>`, or `<case>/input/`
// + `<case>/output/` for a package; optional `<case>/options.json` (merged over the default codemod options) and
// `<case>/expect.json` ({ support, reason, rules, notes, notNotes, messages, errors, manualLines }; notes are
// substrings, notNotes substrings no note may hold, messages substrings some finding's message holds; errors: the case
// is refused; manualLines: the lines of every manual-runtime finding, so each reported site is checked).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { applyFindings } from "../../codemods/driver/apply-edits.js";
import { defaultOptions } from "../../codemods/driver/defaults.js";
import { isIgnored } from "../../codemods/driver/ignore-comments.js";
import { hasComposeFiles } from "../../codemods/plan/compose-files.js";
import type { CodemodOptions, Finding, GroupResult, LanguageCodemod, SourceFile } from "../../codemods/model/types.js";

export interface FixtureCase {
  name: string;
  dir: string;
  /** rel path → text */
  input: Map<string, string>;
  output: Map<string, string>;
  options: CodemodOptions;
  expect: { support?: string; reason?: string; rules?: string[]; notes?: string[]; notNotes?: string[]; messages?: string[]; errors?: string[]; manualLines?: number[] };
}

function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split(sep).join("/"), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

export function loadCases(root: string): FixtureCase[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const files = readdirSync(dir);
      let input: Map<string, string>;
      let output: Map<string, string>;
      if (existsSync(join(dir, "input")) && statSync(join(dir, "input")).isDirectory()) {
        input = readTree(join(dir, "input"));
        output = readTree(join(dir, "output"));
      } else {
        const inName = files.find((f) => f.startsWith("input."));
        const outName = files.find((f) => f.startsWith("output."));
        if (!inName || !outName) throw new Error(`${dir}: needs input.<ext> and output.<ext>, or input/ and output/`);
        const rel = `main${inName.slice("input".length)}`;
        input = new Map([[rel, readFileSync(join(dir, inName), "utf8")]]);
        output = new Map([[rel, readFileSync(join(dir, outName), "utf8")]]);
      }
      const optionsPath = join(dir, "options.json");
      const options = defaultOptions(existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, "utf8")) : {});
      const expectPath = join(dir, "expect.json");
      const expect = existsSync(expectPath) ? JSON.parse(readFileSync(expectPath, "utf8")) : {};
      return { name, dir, input, output, options, expect };
    });
}

export const FIXTURE_ROOT = "/fixture/";

export function sourceFiles(files: Map<string, string>, codemod: Pick<LanguageCodemod, "extensions">): SourceFile[] {
  return [...files]
    .filter(([rel]) => codemod.extensions.some((e) => rel.endsWith(e)))
    .map(([rel, text]) => ({ path: `${FIXTURE_ROOT}${rel}`, rel, text }));
}

/** Apply every non-ignored fix, file by file, exactly as the driver does. */
export function applyCaseFindings(files: Map<string, string>, findings: Finding[]): Map<string, string> {
  const out = new Map(files);
  for (const [rel, text] of files) out.set(rel, applyFindings(text, findings.filter((f) => f.path === `${FIXTURE_ROOT}${rel}`)));
  return out;
}

/** Transform a case's files of one language; inline ignores marked as the driver marks them. */
export async function transformCase(codemod: LanguageCodemod, files: Map<string, string>, options: CodemodOptions): Promise<GroupResult> {
  const context = { projectFile: (name: string) => files.get(name), fileAt: (rel: string) => files.get(rel), hasComposeFiles: () => hasComposeFiles([...files].map(([rel, text]) => ({ rel, text }))) };
  const result = await codemod.transform(sourceFiles(files, codemod), options, context);
  for (const finding of result.findings) {
    finding.ignored ||= isIgnored(files.get(finding.path.slice(FIXTURE_ROOT.length)) ?? "", finding.line, finding.rule);
  }
  return result;
}

