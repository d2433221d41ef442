// The libraries that create containers on an environment's behalf (options.thirdParty), as every language sees them:
// a cheap test for a file that imports one, and the audit's reason once a parsed import names one.
import type { ThirdPartyRule } from "./types.js";

/** A character that makes a library name part of a longer word or path (`multimodal`, `@e2b/...`, `x.modal`). */
const WORD_BEFORE = /[\w@/.-]/;

function escaped(rules: readonly ThirdPartyRule[]): string[] {
  return rules.map((rule) => rule.module.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
}

/** Does the text name a library as a whole word anywhere (an import of `modal`, not "multimodal" in a docstring)? */
export function mentionsLibrary(rules: readonly ThirdPartyRule[]): (text: string) => boolean {
  const libraries = escaped(rules);
  if (libraries.length === 0) return () => false;
  // The names first, the character before each checked after: a leading lookbehind keeps V8 from scanning ahead for
  // the names' first letters (the test ran ~1.4× as long over the verifiers repository's files).
  const library = new RegExp(`(?:${libraries.join("|")})(?![\\w-])`, "g");
  return (text) => {
    library.lastIndex = 0;
    for (let match = library.exec(text); match; match = library.exec(text)) {
      if (match.index === 0 || !WORD_BEFORE.test(text[match.index - 1]!)) return true;
      library.lastIndex = match.index + 1;
    }
    return false;
  };
}

/** Does a line of the text start an import naming a library (Python `from x import`, `import x`; JS `import .. from "x"`)?
 *  Text only: the parsed imports decide (`delegationReason`). */
export function importsLibrary(rules: readonly ThirdPartyRule[]): (text: string) => boolean {
  const libraries = escaped(rules);
  if (libraries.length === 0) return () => false;
  const importLine = new RegExp(`^[ \\t]*(?:from|import)[ \\t][^\\n]*(?<![\\w@/.-])(?:${libraries.join("|")})(?![\\w-])`, "m");
  return (text) => importLine.test(text);
}

/** The audit's reason when `module` (imported with `names`) is one of the libraries, else null. `sep` joins a
 *  module to its submodules: "." in Python (`swebench.harness.docker_build`), "/" in JS (`@e2b/sdk/x`). */
export function delegationReason(rules: readonly ThirdPartyRule[], module: string, names: readonly string[], sep: "." | "/"): string | null {
  const rule = rules.find((r) => module === r.module || module.startsWith(r.module + sep));
  return rule ? rule.reason.replaceAll("{name}", names[0] ?? module).replaceAll("{module}", module) : null;
}
