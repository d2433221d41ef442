// The new text of every file apply changes, re-parsed as strictly as its language's compiler before anything is
// written. A file that would not parse is an error and is not written; `failed` names it, so that the files whose
// edits rely on its own (a caller passing the runtime its new parameter takes) are held back too (run.ts).
import { loadLanguage, languageOf } from "../languages/registry.js";
import type { Finding } from "../model/types.js";
import { applyFindings } from "./apply-edits.js";
import type { FileReport, SetStatus } from "./report-types.js";
import type { LoadedSource } from "./source-file-io.js";

export interface PlannedText {
  path: string;
  source: LoadedSource;
  after: string;
}

export async function planTexts(
  findingsByFile: Map<string, Finding[]>,
  sources: Map<string, LoadedSource>,
  fileStatus: Map<string, FileReport>,
  setStatus: SetStatus,
): Promise<{ planned: PlannedText[]; failed: string[] }> {
  const planned: PlannedText[] = [];
  const failed: string[] = [];
  for (const [path, findings] of findingsByFile) {
    if (!findings.some((f) => !f.ignored && f.fix.length > 0) || fileStatus.get(path)?.status === "error") continue;
    const source = sources.get(path);
    if (!source) continue;
    let after: string;
    try {
      after = applyFindings(source.text, findings);
    } catch (error) {
      setStatus(path, "error", `internal: ${(error as Error).message}`);
      failed.push(path);
      continue;
    }
    if (after === source.text) continue;
    const language = languageOf(path);
    if (language) {
      const problem = await (await loadLanguage(language)).syntaxError(path, after, source.text);
      if (problem) {
        setStatus(path, "error", `the rewritten file would not parse (${problem}); nothing written`);
        failed.push(path);
        continue;
      }
    }
    planned.push({ path, source, after });
  }
  return { planned, failed };
}
