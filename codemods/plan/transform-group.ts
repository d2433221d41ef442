// How any frontend's analysis becomes a group's result: read the files that can matter, plan, and pull in the files
// that mention an owner by name (a file that only builds `Sandbox(image)` has no docker in sight), until nothing new
// joins. Most files of a large tree are never parsed.
import type { Frontend } from "../model/frontend.js";
import { NO_CONTEXT, type CodemodOptions, type GroupContext, type GroupResult, type LanguageCodemod, type SourceFile } from "../model/types.js";
import { planGroup } from "./plan-group.js";
import { NO_CONTAINERS } from "./verdict.js";

export async function transformGroup(frontend: Frontend, files: SourceFile[], options: CodemodOptions, context: GroupContext = NO_CONTEXT): Promise<GroupResult> {
  // A library named as a whole word (an import of `modal`, not "multimodal" in a docstring).
  const libraries = options.thirdParty.map((rule) => rule.module.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  const library = libraries.length > 0 ? new RegExp(`(?<![\\w@/.-])(?:${libraries.join("|")})(?![\\w-])`) : null;
  const thirdParty = (text: string) => library?.test(text) ?? false;
  let selected = files.filter((f) => frontend.mightMatter(f.text) || thirdParty(f.text));
  if (selected.length === 0) return { findings: [], errors: [], notes: [], entry: "none", ...NO_CONTAINERS };
  const session = frontend.session(options, context);
  try {
    for (;;) {
      const program = await session.analyze(selected);
      try {
        const plan = planGroup(program, frontend.nameStyle, options);
        const names = program.relatedNames(plan.owners).filter((name) => /^[\w$]+$/.test(name));
        const mentions = names.length > 0 ? new RegExp(`(?<![\\w$])(?:${names.join("|")})(?![\\w$])`) : null;
        const more = mentions ? files.filter((f) => !selected.includes(f) && mentions.test(f.text)) : [];
        if (more.length > 0) {
          selected = files.filter((f) => selected.includes(f) || more.includes(f));
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

/** The driver's view of a frontend. */
export function codemodOf(frontend: Frontend, extensions: readonly string[]): LanguageCodemod {
  return {
    name: frontend.id,
    extensions,
    mightMatter: frontend.mightMatter,
    transform: (files, options, context) => transformGroup(frontend, files, options, context),
    syntaxError: frontend.syntaxError,
  };
}
