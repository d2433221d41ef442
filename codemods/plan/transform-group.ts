// How any frontend's analysis becomes a group's result: read the files that can matter, plan, and pull in the files
// that mention an owner by name (a file that only builds `Sandbox(image)` has no docker in sight) or define a base an
// owner's constructor may live in, until nothing new joins; a file a lookup reaches is read then. Most files of a large
// tree are never parsed.
import type { Frontend } from "../model/frontend.js";
import { NO_CONTEXT, type CodemodOptions, type GroupContext, type GroupResult, type LanguageCodemod, type SourceFile } from "../model/types.js";
import { importsLibrary, mentionsLibrary } from "../model/third-party.js";
import { isTestFile } from "./file-policy.js";
import { planGroup } from "./plan-group.js";
import { samplesLeftAlone, unwiredSites } from "./sample-code.js";
import { NO_CONTAINERS } from "./verdict.js";

export async function transformGroup(frontend: Frontend, files: SourceFile[], options: CodemodOptions, context: GroupContext = NO_CONTEXT): Promise<GroupResult> {
  const result = await wireGroup(frontend, files, options, context);
  // Only a report: a rule's bug there must not cost the group its wiring.
  const leftAlone = await samplesLeftAlone(frontend, files, options, context).catch(() => []);
  return leftAlone.length > 0 ? { ...result, leftAlone } : result;
}

async function wireGroup(frontend: Frontend, files: SourceFile[], options: CodemodOptions, context: GroupContext): Promise<GroupResult> {
  // A library named as a whole word (an import of `modal`, not "multimodal" in a docstring).
  const thirdParty = mentionsLibrary(options.thirdParty);
  // A test's own sites and calls are never acted on (file-policy.ts), so a test never starts the reading; it joins
  // like any other file when it mentions an owner.
  const readable = files.filter((f) => !isTestFile(f) && (frontend.mightMatter(f.text) || thirdParty(f.text)));
  // The reading starts narrower still where the frontend says so; the rest is read on demand (a lookup reaches it).
  const starts = frontend.startsReading;
  let selected = starts ? readable.filter((f) => starts(f.text)) : readable;
  // A file that only imports a library (prime_sandboxes, modal) matters to the verdict alone, which the frontend
  // reads from it when the group has no site of its own; with nothing else to read, the verdict is all there is.
  if (selected.length === 0) {
    const importer = importsLibrary(options.thirdParty);
    selected = readable.filter((f) => importer(f.text));
  }
  if (selected.length === 0) return { findings: [], errors: [], notes: [], entry: "none", ...NO_CONTAINERS };
  const onDemand = new Set(readable);
  const forBases = files.filter((f) => !onDemand.has(f) && !isTestFile(f) && frontend.passesNamesOn?.(f));
  const session = frontend.session(options, context);
  // The reading only grows, so a file left out has matched no name asked so far: each round asks only the new names.
  const asked = { mentioned: new Set<string>(), defined: new Set<string>() };
  try {
    for (;;) {
      const chosen = new Set(selected);
      const program = await session.analyze(selected, files.filter((f) => chosen.has(f) || onDemand.has(f)), forBases);
      try {
        const plan = planGroup(program, frontend.nameStyle, options, context);
        const related = program.relatedNames(plan.owners);
        const mentions = namePattern(unasked(related.mentioned, asked.mentioned), "");
        // `class Name` opens a class definition in Python and in TS/JS alike.
        const definitions = namePattern(unasked(related.defined, asked.defined), "class\\s+");
        const more = new Set(files.filter((f) => !chosen.has(f) && (mentions?.test(f.text) || definitions?.test(f.text))));
        if (more.size > 0) {
          selected = files.filter((f) => chosen.has(f) || more.has(f));
          continue;
        }
        const { findings, notes, support, reason, entryParam, entry } = plan;
        return { findings, errors: program.errors, notes, support, reason, entry, ...(entryParam ? { entryParam } : {}) };
      } finally {
        program.dispose();
      }
    }
  } catch (error) {
    // A bug in a rule must not take the run down: report the group's files, change nothing.
    const reason = `${frontend.id} codemod failed: ${error instanceof Error ? error.message : String(error)}`;
    return { findings: [], errors: selected.map((f) => ({ path: f.path, reason })), notes: [], support: "none", reason };
  } finally {
    session.dispose();
  }
}

/** The names not in `asked`, which now holds them too. */
function unasked(names: string[], asked: Set<string>): string[] {
  const fresh = names.filter((name) => !asked.has(name));
  for (const name of fresh) asked.add(name);
  return fresh;
}

/** Whole-word mentions of any of `names` after `prefix`; null when there is none to look for. */
function namePattern(names: string[], prefix: string): RegExp | null {
  const words = names.filter((name) => /^[\w$]+$/.test(name)).map((name) => name.replace(/\$/g, "\\$"));
  return words.length > 0 ? new RegExp(`(?<![\\w$])${prefix}(?:${words.join("|")})(?![\\w$])`) : null;
}

/** The driver's view of a frontend. */
export function codemodOf(frontend: Frontend, extensions: readonly string[]): LanguageCodemod {
  return {
    name: frontend.id,
    extensions,
    mightMatter: frontend.mightMatter,
    transform: (files, options, context) => transformGroup(frontend, files, options, context),
    syntaxError: frontend.syntaxError,
    unwiredSites: (files, options) => unwiredSites(frontend, files, options, NO_CONTEXT),
    ...(frontend.buildOutput ? { buildOutput: frontend.buildOutput } : {}),
  };
}
