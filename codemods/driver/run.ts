// The driver: discover → read → group into environments → transform per language → drop ignored findings →
// apply edits → re-parse → (README) → write atomically → report. It knows files and disks, not syntax trees.
import { dirname, extname, relative } from "node:path";
import { isSourceName, languageOf, SOURCE_EXTENSIONS } from "../languages/registry.js";
import { analyzeGroups } from "./analyze-groups.js";
import { lfOnly } from "./apply-edits.js";
import { discover } from "./discover.js";
import { byteOrder } from "./paths.js";
import { groupFiles } from "./groups.js";
import { planTexts } from "./plan-texts.js";
import type { FileReport, FileStatus, RunOptions, RunReport } from "./report-types.js";
import { reportNotebooks } from "./notebooks.js";
import { loadSource, type LoadedSource } from "./source-file-io.js";
import { writePlanned } from "./write-planned.js";

export type { EnvironmentReport, FileChange, FileReport, FileStatus, Mode, RunOptions, RunReport } from "./report-types.js";

const NOTEBOOK = ".ipynb";

export async function runCodemods(options: RunOptions): Promise<RunReport> {
  const extensions = new Set([...SOURCE_EXTENSIONS, NOTEBOOK]);
  const found = discover(options.paths, extensions, isSourceName);
  const report: RunReport = { files: [], environments: [], findings: [], notes: [], changes: [], sites: 0, errors: 0 };
  const fileStatus = new Map<string, FileReport>();
  const setStatus = (path: string, status: FileStatus, reason?: string) => {
    const prev = fileStatus.get(path);
    if (prev?.status === "error") return;
    fileStatus.set(path, reason ? { path, status, reason } : { path, status });
  };
  for (const skipped of found.skipped) setStatus(skipped.path, "skipped", skipped.reason);

  const sources = new Map<string, LoadedSource>();
  const texts = new Map<string, string>();
  for (const path of found.files) {
    if (!languageOf(path)) continue;
    const loaded = loadSource(path);
    if (!loaded.ok) {
      setStatus(path, "skipped", loaded.reason);
      continue;
    }
    sources.set(path, loaded.source);
    texts.set(path, lfOnly(loaded.source.text)); // CR-only files: languages see "\n", edits go to the original
    setStatus(path, "unchanged");
  }

  const groups = groupFiles([...sources.keys()], texts, found.roots);
  // The git guard holds back whole environments: each file's group root (a README's is its folder).
  const envOf = new Map(groups.flatMap((g) => g.files.map((f) => [f, g.root] as const)));
  const total = sources.size;
  const { findingsByFile } = await analyzeGroups(groups, texts, sources, options, report, setStatus);
  // Read, never written: their containers are reported by cell and line.
  await reportNotebooks(found.files.filter((path) => extname(path) === NOTEBOOK), found.roots, options, setStatus);
  options.onProgress?.(total, total);
  report.sites = report.findings.filter((f) => f.rule === "container-runtime" && !f.ignored && f.fix.length > 0).length;

  // Plan the new texts; nothing is written until every file has been planned and re-parsed. (check and audit only report.)
  const planning = options.mode === "apply" ? await planTexts(findingsByFile, sources, fileStatus, setStatus) : { planned: [], failed: [] };
  // One environment's edits rely on each other (a caller passes the runtime a callee's new parameter takes): a file
  // of it that could not be rewritten holds back the rest of it, which would otherwise call what is not there.
  const envOfPath = (path: string) => envOf.get(path) ?? dirname(path);
  const failedIn = new Map(planning.failed.map((path) => [envOfPath(path), path] as const));
  const planned = planning.planned.filter(({ path }) => {
    const failed = failedIn.get(envOfPath(path));
    if (failed) setStatus(path, "error", `not written: ${relative(dirname(path), failed)}, in the same environment, could not be rewritten, and the edits rely on each other`);
    return !failed;
  });

  if (options.mode === "apply") {
    for (const { path, source, after } of planned) report.changes.push({ path, before: source.text, after });
    // Written per environment: the git guard may hold some back, and the report says which and why.
    if (options.dryRun) for (const { path } of planned) setStatus(path, "changed", "dry run: not written");
    else {
      const files = planned.map((p) => ({ ...p, env: envOfPath(p.path) }));
      for (const held of await writePlanned(files, options.force ?? false, setStatus, options.gitBaseline)) {
        const env = report.environments.find((e) => e.path === held.env);
        if (env) env.heldBack = held.reason;
      }
    }
  }
  report.files = [...fileStatus.values()].sort((a, b) => byteOrder(a.path, b.path));
  report.errors = report.files.filter((f) => f.status === "error").length;
  return report;
}
