// Turning a run report into what people and tools read: finding lines (GNU style, as compilers print them, so editors,
// vim's errorformat and CI problem matchers jump to them), the JSON report, git-applicable diffs, the summary.
import { createRequire } from "node:module";
import { relative, sep } from "node:path";
import { createColors } from "picocolors";
import { cachedTexts, findingEnd, reasonLocation, type TextOf } from "./finding-span.js";
import type { RunReport } from "./run.js";
import type { Finding } from "../model/types.js";

export type Severity = "error" | "warning" | "note";

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" ? "." : rel;
}

/** `path:line:col: severity: rule-id message`: what to add, and "(fix by hand)" when apply cannot. */
export function findingLine(f: Finding, severity: Severity = "error", color = false): string {
  const c = createColors(color);
  const paint = severity === "error" ? c.red : severity === "warning" ? c.yellow : c.cyan;
  const where = `${displayPath(f.path)}:${f.line}:${f.col}:`;
  return `${c.bold(where)} ${paint(`${severity}:`)} ${c.dim(f.rule)} ${f.message}${f.fix.length === 0 ? " (fix by hand)" : ""}`;
}

/** Texts as the findings saw them: a file apply rewrote is read from its text before the change. */
function textsBefore(report: RunReport): TextOf {
  const before = new Map(report.changes.map((c) => [c.path, c.before]));
  const disk = cachedTexts();
  return (path) => before.get(path) ?? disk(path);
}

export function jsonReport(report: RunReport, textOf: TextOf = textsBefore(report)): string {
  return JSON.stringify(
    {
      files: report.files.map((f) => ({ ...f, path: displayPath(f.path) })),
      environments: report.environments.map((e) => ({
        name: e.name,
        path: displayPath(e.path),
        support: e.support,
        reason: e.reason,
        language: e.language,
        ...(e.heldBack ? { heldBack: e.heldBack } : {}),
      })),
      findings: report.findings.map((f) => ({
        path: displayPath(f.path),
        line: f.line,
        col: f.col,
        ...findingEnd(f, textOf),
        rule: f.rule,
        message: f.message,
        fixable: f.fix.length > 0,
        ignored: f.ignored ?? false,
      })),
      notes: report.notes,
      summary: summaryCounts(report),
    },
    null,
    2,
  );
}

export function summaryCounts(report: RunReport) {
  return {
    environmentsWired: report.environments.filter((e) => e.support === "yes" && !e.heldBack).length,
    environmentsHeldBack: report.environments.filter((e) => e.heldBack).length,
    environmentsLeftAlone: report.environments.filter((e) => e.support !== "yes").length,
    filesChanged: report.files.filter((f) => f.status === "changed").length,
    sites: report.sites,
    findings: report.findings.filter((f) => !f.ignored).length,
    ignored: report.findings.filter((f) => f.ignored).length,
    errors: report.errors,
  };
}

/** A unified diff `git apply` (and `patch -p1`) accepts: `--- a/path` / `+++ b/path` headers, paths relative to the
 *  working directory, no `Index:` or `====` lines. Empty when nothing changed. */
export function unifiedDiff(path: string, before: string, after: string, color: boolean): string {
  if (before === after) return "";
  // Loaded on first use: `check`, the pre-commit hook's command, never prints a diff.
  const { createTwoFilesPatch } = createRequire(import.meta.url)("diff") as typeof import("diff");
  const name = displayPath(path).split("\\").join("/");
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a "====" line; git reads from the "---" header on.
  const body = patch.slice(patch.indexOf("--- "));
  if (!color) return body;
  const c = createColors(true);
  return body
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return c.bold(line);
      if (line.startsWith("+")) return c.green(line);
      if (line.startsWith("-")) return c.red(line);
      if (line.startsWith("@@")) return c.cyan(line);
      return line;
    })
    .join("\n");
}

/** The counts say the same thing the lines above them do: an environment is "wired" when this run changes (or, dry,
 *  would change) its files; one with nothing left to change is "already wired"; one with findings only a human can
 *  settle "needs a hand"; files changed outside any environment are counted apart. */
export function humanSummary(report: RunReport, verb: "wired" | "to wire"): string {
  const c = summaryCounts(report);
  const changed = report.files.filter((f) => f.status === "changed").map((f) => f.path);
  const inside = (env: RunReport["environments"][number], path: string) => path === env.path || path.startsWith(env.path + sep);
  const yes = report.environments.filter((e) => e.support === "yes" && !e.heldBack);
  const wired = yes.filter((e) => changed.some((p) => inside(e, p)));
  const manual = (e: RunReport["environments"][number]) => report.findings.filter((f) => f.rule === "manual-runtime" && !f.ignored && inside(e, f.path)).length;
  const rest = yes.filter((e) => !wired.includes(e));
  const byHand = rest.filter((e) => manual(e) > 0);
  const already = rest.filter((e) => manual(e) === 0);
  const held = report.environments.filter((e) => e.heldBack);
  const alone = report.environments.filter((e) => e.support !== "yes");
  const loose = changed.filter((p) => !report.environments.some((e) => inside(e, p)));
  const lines = [`environments ${verb}: ${wired.length}${names(wired)}`];
  if (already.length) lines.push(`already wired: ${already.length}${names(already)}`);
  if (byHand.length) lines.push(`need a hand: ${byHand.length} (${byHand.map((e) => `${e.name}: ${manual(e)} finding(s) to fix by hand`).join("; ")})`);
  if (held.length) lines.push(`held back: ${held.length} (${held.map((e) => `${e.name}: ${e.heldBack}`).join("; ")})`);
  lines.push(`left alone: ${alone.length}${aloneDetail(alone)}`);
  if (loose.length) lines.push(`outside environments: ${loose.length} file(s) ${verb === "wired" ? "changed" : "to change"}`);
  lines.push(`files changed: ${c.filesChanged}, sites ${verb}: ${c.sites}, errors: ${c.errors}`);
  return lines.join("\n");
}

function names(envs: { name: string }[]): string {
  return envs.length ? ` (${envs.map((e) => e.name).join(", ")})` : "";
}

/** Each environment with its reason when there are few; counts per reason when there are many. */
function aloneDetail(alone: RunReport["environments"]): string {
  if (alone.length === 0) return "";
  if (alone.length <= 8) return ` (${alone.map((e) => `${e.name}: ${e.reason}`).join("; ")})`;
  const byReason = new Map<string, number>();
  for (const e of alone) {
    const reason = e.reason.replace(/ \([^)]*\)$/, "");
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  return ` (${[...byReason].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n}: ${reason}`).join("; ")}; --json lists them)`;
}

/** One line per file error, at the error's position when the reason has one (a syntax error); when many files share
 *  one reason (a concurrent run), one line for all of them. */
export function errorLines(report: RunReport): string[] {
  const errors = report.files.filter((f) => f.status === "error");
  const byReason = new Map<string, string[]>();
  for (const f of errors) byReason.set(f.reason ?? "", [...(byReason.get(f.reason ?? "") ?? []), displayPath(f.path)]);
  return [...byReason].flatMap(([reason, paths]) => {
    if (paths.length > 3) return [`${paths[0]} and ${paths.length - 1} more files: error: ${reason}`];
    const at = reasonLocation(reason);
    return paths.map((p) => (at ? `${p}:${at.line}:${at.col}: error: ${reason}` : `${p}: error: ${reason}`));
  });
}

/** Files passed over (not UTF-8, binary, too large, symlinks out of the tree, sample code that creates containers),
 *  for the human output. Many samples (lando's examples/, one compose file per scenario) show three and a count: the
 *  JSON report lists them all. */
export function skippedLines(report: RunReport): string[] {
  const lines: string[] = [];
  const shown = new Map<Folded, number>();
  for (const f of report.files) {
    if (f.status !== "skipped" || f.reason?.startsWith("symlink (its target")) continue;
    const kind = FOLDED.find((k) => k.reason.test(f.reason ?? ""));
    const count = kind ? (shown.get(kind) ?? 0) + 1 : 0;
    if (kind) shown.set(kind, count);
    if (count <= FOLDED_SHOWN) lines.push(`${displayPath(f.path)}: skipped: ${f.reason}`);
  }
  for (const [kind, count] of shown) if (count > FOLDED_SHOWN) lines.push(`crunify: skipped ${count - FOLDED_SHOWN} more ${kind.more} (--json lists them)`);
  return lines;
}

/** Skips that come by the dozen in some trees (lando/core's 18 example compose files, the 12 of supervisor's webpack
 *  chunks that mention Docker): the first few are shown, the rest counted. */
interface Folded {
  reason: RegExp;
  more: string;
}
const FOLDED: Folded[] = [
  { reason: /^(sample code \(|a Jupyter notebook,)/, more: "sample file(s) that create containers without the OCI runtime" },
  { reason: /^build output \(/, more: "build output file(s) that might create containers: fix their sources" },
];
const FOLDED_SHOWN = 3;
