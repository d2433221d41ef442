// Each group through the languages it holds: the files that can matter go to the language's codemod with the
// group's project context; findings get their inline ignores; a group whose entry point is real becomes an
// environment in the report, and one whose entry point reaches its containers gets the README step.
import type { Finding, GroupContext, GroupResult, LanguageCodemod, SourceFile, Support } from "../model/types.js";
import { LANGUAGES, languageById, loadLanguage, type LanguageEntry } from "../languages/registry.js";
import { hasComposeFiles } from "../plan/compose-files.js";
import type { Group } from "./groups.js";
import { isIgnored } from "./ignore-comments.js";
import { LanguageThread, wantsLanguageThread } from "./language-thread.js";
import { environmentId, groupContext, readmeOf } from "./project.js";
import type { EnvironmentReport, RunOptions, RunReport, SetStatus } from "./report-types.js";
import { loadSource, type LoadedSource } from "./source-file-io.js";

/** One language's verdict on one group. */
interface EnvResult {
  language: string;
  support: Support;
  reason: string;
  notes: string[];
  entryParam?: string;
  entry?: "none" | "defined" | "reaches";
}

export interface Analysis {
  findingsByFile: Map<string, Finding[]>;
}

/** One language's files in one group, and those its codemod gets (none when no file of the language can matter). */
interface Selection {
  entry: LanguageEntry;
  plugin: LanguageCodemod;
  candidates: string[];
  /** The group's files of the language, build output too: what the progress counts. */
  read: number;
}

/** Each group's files by language, chosen before any analysis. A language none of whose files in a group can matter
 *  never reads them again: their texts go now, not at the group's turn (a large tree's library code is most of it). */
async function selectFiles(
  groups: Group[],
  texts: Map<string, string>,
  sources: Map<string, LoadedSource>,
  setStatus: SetStatus,
): Promise<Map<Group, Selection[]>> {
  const selections = new Map<Group, Selection[]>();
  // A source beside build output is one crunify found (a file given alone is read as given): no disk access per file.
  const discovered = new Set(groups.flatMap((g) => g.files));
  const exists = (path: string) => discovered.has(path);
  for (const group of groups) {
    const selection: Selection[] = [];
    for (const entry of LANGUAGES) {
      const ofLanguage = group.files.filter((f) => entry.matches(f));
      if (ofLanguage.length === 0) continue;
      let files = ofLanguage;
      // Importing a plugin is cheap; each loads its parser only when transform runs.
      const plugin = await loadLanguage(entry);
      // Any file of the group may construct an owner (`get_container(name, image)`, no docker in sight): once one file
      // matters, the plugin gets them all and picks (by its own prefilter, then by the names of the owners it found).
      let matters: boolean;
      if (plugin.buildOutput) ({ files, matters } = withoutBuildOutput(files, plugin, texts, exists, setStatus));
      else matters = files.some((f) => plugin.mightMatter(texts.get(f)!));
      const candidates = matters ? files : [];
      selection.push({ entry, plugin, candidates, read: ofLanguage.length });
    }
    const kept = new Set(selection.flatMap((s) => s.candidates));
    for (const file of group.files) {
      if (kept.has(file)) continue;
      texts.delete(file);
      sources.delete(file);
    }
    selections.set(group, selection);
  }
  return selections;
}

/** The files less build output, which is never read; one that might matter is reported as skipped with the reason, so
 *  that no container goes unmentioned. And whether any file left might matter. */
function withoutBuildOutput(
  files: string[],
  plugin: LanguageCodemod,
  texts: Map<string, string>,
  exists: (path: string) => boolean,
  setStatus: SetStatus,
): { files: string[]; matters: boolean } {
  let matters = false;
  const kept = files.filter((path) => {
    const text = texts.get(path)!;
    const reason = plugin.buildOutput!(path, text, exists);
    if (reason) {
      if (plugin.mightMatter(text)) setStatus(path, "skipped", reason);
      return false;
    }
    matters ||= plugin.mightMatter(text);
    return true;
  });
  return { files: kept, matters };
}

export async function analyzeGroups(
  groups: Group[],
  texts: Map<string, string>,
  sources: Map<string, LoadedSource>,
  options: RunOptions,
  report: RunReport,
  setStatus: SetStatus,
): Promise<Analysis> {
  const findingsByFile = new Map<string, Finding[]>();
  const record = (finding: Finding) => {
    findingsByFile.set(finding.path, [...(findingsByFile.get(finding.path) ?? []), finding]);
    report.findings.push(finding);
  };
  let done = 0;
  const total = sources.size;
  const selections = await selectFiles(groups, texts, sources, setStatus);
  // Asked before any text of the group is let go (below), and only by a group that runs compose.
  const contexts = new Map([...selections.keys()].map((group) => [group, groupContext(group.root, () =>
    hasComposeFiles(group.files.flatMap((path) => {
      const text = texts.get(path);
      return text === undefined ? [] : [{ rel: relPosix(group.root, path), text }];
    })),
  )] as const));
  const thread = await startThread(selections, options);
  const posted = thread ? postToThread(thread, selections, contexts, texts, options) : new Map<Selection, Promise<GroupResult>>();
  try {
    for (const [group, selection] of selections) {
      const results: EnvResult[] = [];
      for (const selected of selection) {
        const { entry, plugin, candidates } = selected;
        done += selected.read;
        if (candidates.length === 0) {
          results.push({ language: entry.id, support: "none", reason: "creates no containers", notes: [], entry: "none" });
          continue;
        }
        const result: GroupResult = await (posted.get(selected) ??
          plugin.transform(sourceFiles(group, candidates, texts), options, contexts.get(group)));
        for (const error of result.errors) setStatus(error.path, "error", error.reason);
        for (const left of result.leftAlone ?? []) setStatus(left.path, "skipped", left.reason);
        for (const finding of result.findings) {
          finding.ignored ||= isIgnored(texts.get(finding.path) ?? "", finding.line, finding.rule);
          record(finding);
        }
        report.notes.push(...result.notes);
        const { support, reason, notes, entryParam } = result;
        results.push({ language: entry.id, support, reason, notes, ...(entryParam ? { entryParam } : {}), ...(result.entry ? { entry: result.entry } : {}) });
        options.onProgress?.(done, total);
      }
      // A file nothing was found in is done with: its text need not stay in memory for the rest of a large tree.
      for (const file of group.files) {
        if (findingsByFile.has(file)) continue;
        texts.delete(file);
        sources.delete(file);
      }
      const env = group.name !== null ? summarizeEnvironment(group, results) : null;
      if (!env) continue;
      report.environments.push(env);
      if (options.readme !== false && env.support === "yes" && env.reachesContainers) {
        for (const finding of await readmeFindings(env, options, sources, setStatus)) record(finding);
      }
    }
  } finally {
    await thread?.close();
  }
  return { findingsByFile };
}

/** The thread for the languages that ask for one (registry: ownThread), when the run is one to use it. */
async function startThread(selections: Map<Group, Selection[]>, options: RunOptions): Promise<LanguageThread | null> {
  const chosen = [...selections.values()].flat().filter((s) => s.candidates.length > 0);
  const count = (list: Selection[]) => list.reduce((n, s) => n + s.candidates.length, 0);
  const own = chosen.filter((s) => s.entry.ownThread);
  const languages = new Set(own.map((s) => s.entry.id));
  const [threadFiles, otherFiles] = [count(own), count(chosen) - count(own)];
  if (languages.size !== 1 || !wantsLanguageThread(options.mode, threadFiles, otherFiles)) return null;
  return LanguageThread.start([...languages][0]!, ` (${threadFiles} file(s); ${otherFiles} of other languages here)`);
}

/** Every group of the thread's language, posted before the first group is analysed here (language-thread.ts). */
function postToThread(
  thread: LanguageThread,
  selections: Map<Group, Selection[]>,
  contexts: Map<Group, GroupContext>,
  texts: Map<string, string>,
  options: RunOptions,
): Map<Selection, Promise<GroupResult>> {
  // Every option but the progress callback, which cannot cross to the thread (and is called here, at each group's turn).
  const { onProgress: _progress, ...codemodOptions } = options;
  const results = new Map<Selection, Promise<GroupResult>>();
  for (const [group, selection] of selections) {
    for (const selected of selection) {
      if (!selected.entry.ownThread || selected.candidates.length === 0) continue;
      results.set(selected, thread.transform({
        language: selected.entry.id,
        files: sourceFiles(group, selected.candidates, texts),
        options: codemodOptions,
        root: group.root,
        hasComposeFiles: contexts.get(group)!.hasComposeFiles?.(),
      }));
    }
  }
  return results;
}

function sourceFiles(group: Group, paths: string[], texts: Map<string, string>): SourceFile[] {
  return paths.map((path) => ({ path, rel: relPosix(group.root, path), text: texts.get(path)! }));
}

/** The group's row, or null when no language found a real entry point there (a name in a string, a stub). */
function summarizeEnvironment(group: Group, results: EnvResult[]): EnvironmentReport | null {
  const withEntries = results.filter((r) => languageById(r.language).entryPoint);
  if (!withEntries.some((r) => r.entry !== "none")) return null;
  const rank: Record<Support, number> = { yes: 2, no: 1, none: 0 };
  const best = [...results].sort((a, b) => rank[b.support] - rank[a.support])[0]!;
  // The environment's language is that of its code; compose files beside it do not make it "mixed".
  const languages = new Set(withEntries.filter((r) => r.entry !== "none").map((r) => r.language));
  return {
    name: group.name!,
    id: environmentId(group.root),
    path: group.root,
    support: best.support,
    reason: best.reason,
    language: languages.size > 1 ? "mixed" : ([...languages][0] ?? "python"),
    notes: results.flatMap((r) => r.notes),
    paramName: results.find((r) => r.entryParam)?.entryParam,
    reachesContainers: results.some((r) => r.entry === "reaches"),
  };
}

async function readmeFindings(env: EnvironmentReport, options: RunOptions, sources: Map<string, LoadedSource>, setStatus: SetStatus): Promise<Finding[]> {
  const readmePath = readmeOf(env.path);
  if (!readmePath) return [];
  const loaded = loadSource(readmePath);
  if (!loaded.ok) {
    setStatus(readmePath, "skipped", loaded.reason);
    return [];
  }
  sources.set(readmePath, loaded.source);
  setStatus(readmePath, "unchanged");
  const { planReadme } = await import("../readme/index.js");
  const language = env.language === "mixed" ? "python" : languageById(env.language).readmeLanguage;
  const planned = planReadme(loaded.source.text, {
    language,
    envId: env.id,
    paramName: env.paramName ?? options.paramName,
    runtimeDefault: options.runtimeDefault,
  });
  return planned.map((f) => ({
    path: readmePath,
    line: f.line,
    col: f.col,
    rule: "readme-runtime" as const,
    message: f.message,
    fix: f.fix,
    ignored: isIgnored(loaded.source.text, f.line, "readme-runtime"),
  }));
}

function relPosix(root: string, path: string): string {
  return path.slice(root.length + 1).split("\\").join("/");
}
