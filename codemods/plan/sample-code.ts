// Sample code (examples, demos, docs) is never edited (file-policy.ts), but a container it creates without the
// runtime is not passed over in silence: the file is listed as skipped, with the lines, so a maintainer whose users
// run the examples as they are can add the runtime by hand. Read on its own, apart from the group's own reading: an
// example's `load_environment` must never become the environment's entry point.
import { lineCol } from "../driver/apply-edits.js";
import { isIgnored } from "../driver/ignore-comments.js";
import type { Frontend } from "../model/frontend.js";
import type { CodemodOptions, GroupContext, RuleId, SourceFile } from "../model/types.js";
import { sampleCode } from "./file-policy.js";

export interface LeftAlone {
  path: string;
  reason: string;
}

/** One entry per sample file whose containers do not get the runtime. A sample that does not parse says nothing. */
export async function samplesLeftAlone(frontend: Frontend, files: SourceFile[], options: CodemodOptions, context: GroupContext): Promise<LeftAlone[]> {
  // Only a file that may hold a site itself: a sample is read on its own, so one that merely says "docker" adds nothing.
  const mayHoldSite = frontend.startsReading ?? frontend.mightMatter;
  const samples = files.filter((f) => sampleCode(f) !== null && mayHoldSite(f.text));
  if (samples.length === 0) return [];
  const found = await unwiredSites(frontend, samples, options, context);
  return [...found].map(([file, lines]) => leftAloneSample(file, lines, `sample code (${sampleCode(file)})`));
}

/** The container creations in `files`, read on their own, that do not pass a runtime (nor carry an ignore comment). */
export async function unwiredSites(frontend: Frontend, files: SourceFile[], options: CodemodOptions, context: GroupContext): Promise<Map<SourceFile, SampleSite[]>> {
  const session = frontend.session(options, context);
  try {
    const program = await session.analyze(files, files);
    try {
      const byFile = new Map<SourceFile, SampleSite[]>();
      for (const site of program.sites) {
        if (site.state.kind === "wired") continue;
        const rule: RuleId = site.state.kind === "manual" ? "manual-runtime" : "container-runtime";
        if (site.ignoreLines.some((line) => isIgnored(site.file.text, line, rule))) continue;
        const line = lineCol(site.file.text, site.at).line;
        byFile.set(site.file, [...(byFile.get(site.file) ?? []), { line, label: site.label }]);
      }
      return byFile;
    } finally {
      program.dispose();
    }
  } finally {
    session.dispose();
  }
}

export interface SampleSite {
  line: number;
  label: string;
  /** Where the line is, when not simply "line N" (a notebook's "cell 4, line 2"). */
  where?: string;
}

/** Why a sample file is skipped, naming where its containers are created (the first three, and how many more). */
export function leftAloneSample(file: { path: string }, sites: SampleSite[], what: string): LeftAlone {
  const sorted = [...sites].sort((a, b) => a.line - b.line);
  const shown = sorted.slice(0, 3).map((s) => `${s.where ?? `line ${s.line}`} (${s.label})`).join(", ");
  const more = sorted.length > 3 ? ` and ${sorted.length - 3} more` : "";
  const creates = sorted.length === 1 ? "creates a container" : "create containers";
  return {
    path: file.path,
    reason: `${what}, which crunify does not edit: ${shown}${more} ${creates} without the OCI runtime; add it by hand if users run this as it is`,
  };
}
