// crunify check [paths...]: what apply would change, as findings; for people, editors, pre-commit and CI.
import { readFileSync } from "node:fs";
import { packagePath } from "../../codemods/driver/package-root.js";
import { displayPath, errorLines, findingLine, jsonReport, skippedLines } from "../../codemods/driver/format-report.js";
import { githubAnnotations, sarifLog, type FileProblem, type ToolInfo } from "../../codemods/driver/output-formats.js";
import { runCodemods, type RunReport } from "../../codemods/driver/run.js";
import {
  checkScope,
  inScope,
  isCheckable,
  stagedFiles,
  unstagedAmong,
  type CheckScope,
} from "../../codemods/driver/staged-files.js";
import { byteOrder, isInside } from "../../codemods/driver/paths.js";
import { openOutput, type Output } from "../cli/output.js";
import { OUTPUT_FILE_OPTION, bool, str, type CommandSpec, type ParsedArgs } from "../cli/spec.js";
import { ALLOW_EMPTY_OPTION, CODEMOD_OPTIONS, LANGUAGE_LIST, requireCandidates, requireReadableFiles, runOptions } from "./codemod-args.js";
import { progressReporter } from "./progress.js";

const FORMATS = ["text", "json", "github", "sarif"] as const;
type Format = (typeof FORMATS)[number];

export const spec: CommandSpec = {
  name: "check",
  usage: "[paths...] [options]",
  description: [
    "Reports, without writing anything, every container creation that does not pass the OCI runtime, every owner and",
    "call that does not carry it to load_environment, and READMEs that do not document it. One finding per line:",
    "  path:line:col: error: rule-id message",
    "A folder is checked whole. A file is analysed with its environment (the package around it: the nearest folder with",
    "pyproject.toml, setup.py, setup.cfg or package.json), and findings are reported for the given files only.",
    "Inline ignore (for the container that must stay on runc), on the line or the line above, with the rule id the",
    "finding names (container-runtime, manual-runtime, ...; none ignores every rule there):",
    "  # crunify: ignore[container-runtime]        // crunify-ignore container-runtime",
  ].join("\n"),
  options: {
    staged: { type: "boolean", description: "check the files staged in git (added, copied, modified, renamed; work-tree text)" },
    format: {
      type: "string",
      value: "format",
      choices: FORMATS,
      description: "text (GNU style lines), json (the report), github (workflow annotations), sarif (SARIF 2.1.0)",
    },
    json: { type: "boolean", description: "same as --format json" },
    fix: { type: "boolean", description: "apply the fixes to the environments of the given files (files git holds no copy of need --force)" },
    ...CODEMOD_OPTIONS,
    "allow-empty": ALLOW_EMPTY_OPTION,
    "output-file": OUTPUT_FILE_OPTION,
  },
  positionals: { name: "path", min: 0, max: Infinity },
  exit: "Exit: 0 clean, 1 findings or errors, 2 usage error (a path that does not exist or holds nothing to check).",
  examples: [
    "crunify check environments/",
    "crunify check --staged --fix",
    "crunify check --format sarif --output-file crunify.sarif .",
  ],
};

interface CheckArgs {
  args: ParsedArgs;
  run: ReturnType<typeof runOptions>;
  out: Output;
}

export async function run(args: ParsedArgs): Promise<number> {
  const format = (str(args, "format") ?? (bool(args, "json") ? "json" : "text")) as Format;
  const options = runOptions(args, "check");
  const staged = bool(args, "staged");
  const allowEmpty = staged || bool(args, "allow-empty");
  requireReadableFiles(options.paths, { file: isCheckable, what: `${LANGUAGE_LIST} files and READMEs` }, allowEmpty);
  const out = openOutput(str(args, "output-file"));
  const scope = staged ? stagedScope(options.paths) : checkScope(options.paths);
  const ctx = { args, run: options, out };
  const code = bool(args, "fix") ? await fix(ctx, scope, format, allowEmpty) : await check(ctx, scope, format, allowEmpty);
  out.close();
  return code;
}

/** --staged: what git has staged, narrowed to the given paths when any were given. */
function stagedScope(paths: string[]): CheckScope {
  const cwd = process.cwd();
  const within = checkScope(paths);
  const staged = stagedFiles(cwd).filter((f) => inScope(within, f));
  const unstaged = unstagedAmong(cwd, staged);
  if (unstaged.length > 0) {
    process.stderr.write(
      `crunify: checking the work-tree text of ${unstaged.map(displayPath).join(", ")}, which has changes not staged\n`,
    );
  }
  return checkScope(staged);
}

async function check(ctx: CheckArgs, scope: CheckScope, format: Format, allowEmpty: boolean): Promise<number> {
  const onProgress = format === "text" ? progressReporter() : undefined;
  const full = await runCodemods({ ...ctx.run, paths: scope.roots, mode: "check", onProgress });
  requireCandidates(full, ctx.args.positionals.length > 0 ? ctx.args.positionals : ["."], allowEmpty);
  const report = scoped(full, scope);
  const open = report.findings.filter((f) => !f.ignored);
  emit(report, format, ctx.out);
  if (format === "text") process.stderr.write(checkSummary(report) + "\n");
  return open.length > 0 || report.errors > 0 ? 1 : 0;
}

/** apply on the environments of the given files. Files whose current text git holds (unchanged since `git add`, or
 *  committed) are safe to rewrite without --force: `git diff` shows exactly what crunify changed. The guard is per
 *  environment: one whose files git holds no copy of is held back (and reported), the others are fixed. */
async function fix(ctx: CheckArgs, scope: CheckScope, format: Format, allowEmpty: boolean): Promise<number> {
  const applied = await runCodemods({ ...ctx.run, paths: scope.roots, mode: "apply", gitBaseline: "index" });
  requireCandidates(applied, ctx.args.positionals.length > 0 ? ctx.args.positionals : ["."], allowEmpty);
  const changed = applied.files.filter((f) => f.status === "changed").map((f) => f.path);
  const changedSet = new Set(changed);
  const report = scoped(applied, scope);
  // What is left: findings no edit resolves, and fixable ones whose file could not be written.
  report.findings = report.findings.filter((f) => !changedSet.has(f.path) || f.fix.length === 0);
  emit(report, format, ctx.out);
  const outside = changed.filter((p) => !inScope(scope, p));
  if (format === "text") {
    for (const path of changed) process.stderr.write(`fixed: ${displayPath(path)}\n`);
    for (const held of applied.files.filter((f) => f.status === "error" && inScope(scope, f.path))) {
      process.stderr.write(`${displayPath(held.path)}: not fixed: ${held.reason ?? "error"}\n`);
    }
  }
  if (outside.length > 0) {
    process.stderr.write(`crunify: also changed, outside the checked files (stage them too): ${outside.map(displayPath).join(", ")}\n`);
  }
  const open = report.findings.filter((f) => !f.ignored);
  return open.length > 0 || report.errors > 0 || outside.length > 0 ? 1 : 0;
}

/** The report restricted to what the user asked about; the rest of each environment was context only. */
function scoped(report: RunReport, scope: CheckScope): RunReport {
  const findings = report.findings
    .filter((f) => inScope(scope, f.path))
    .sort((a, b) => byteOrder(a.path, b.path) || a.line - b.line || a.col - b.col);
  const files = report.files.filter((f) => inScope(scope, f.path));
  const environments = report.environments.filter(
    (e) => scope.dirs.some((d) => isInside(e.path, d) || isInside(d, e.path)) || scope.files.some((f) => isInside(f, e.path)),
  );
  return {
    ...report,
    findings,
    files,
    environments,
    sites: findings.filter((f) => f.rule === "container-runtime" && !f.ignored && f.fix.length > 0).length,
    errors: files.filter((f) => f.status === "error").length,
  };
}

function problems(report: RunReport): FileProblem[] {
  return report.files.filter((f) => f.status === "error").map((f) => ({ path: f.path, reason: f.reason ?? "error" }));
}

function emit(report: RunReport, format: Format, out: Output): void {
  const lines: string[] = [];
  if (format === "json") lines.push(jsonReport(report));
  else if (format === "github") lines.push(...githubAnnotations(report.findings, problems(report)));
  else if (format === "sarif") lines.push(JSON.stringify(sarifLog(report.findings, problems(report), toolInfo()), null, 2));
  else {
    const color = out.color;
    lines.push(...report.findings.filter((f) => !f.ignored).map((f) => findingLine(f, "error", color)));
    lines.push(...errorLines(report));
    for (const line of skippedLines(report)) process.stderr.write(line + "\n");
  }
  if (lines.length > 0) out.write(lines.join("\n") + "\n");
}

function checkSummary(report: RunReport): string {
  const open = report.findings.filter((f) => !f.ignored);
  const ignored = report.findings.length - open.length;
  const files = new Set(open.map((f) => f.path)).size;
  const tail = ignored > 0 ? ` (${ignored} ignored by comment)` : "";
  if (open.length === 0 && report.errors === 0) return `crunify: no findings${tail}`;
  const fixable = open.filter((f) => f.fix.length > 0).length;
  const hint = fixable > 0 ? `; ${fixable} fixable with 'crunify check --fix' (or 'crunify apply')` : "";
  // Only files that could not be read or parsed count as errors here: a finding is not one, though it prints as `error:`.
  const unread = report.errors > 0 ? `, ${report.errors} file(s) it could not read` : "";
  return `crunify: ${open.length} finding(s) in ${files} file(s)${tail}${unread}${hint}`;
}

/** Version and documentation links from package.json: `homepage` is the README, whose Rules section documents each rule. */
function toolInfo(): ToolInfo {
  try {
    const pkg = JSON.parse(readFileSync(packagePath("package.json"), "utf8"));
    const homepage = typeof pkg.homepage === "string" ? pkg.homepage : undefined;
    return { version: String(pkg.version), ...(homepage ? { informationUri: homepage, helpBase: homepage.replace(/#.*$/, "") } : {}) };
  } catch {
    return { version: "0.0.0" };
  }
}
