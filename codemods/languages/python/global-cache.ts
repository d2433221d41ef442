// A function that keeps what it builds in a module global (`global _config; if _config is None: _config = build()`)
// hands every later caller the first caller's object: a runtime parameter there would be honoured once and then
// silently ignored. The runtime cannot be threaded through such a call; a human chooses it where the global is filled.
import type { Node } from "web-tree-sitter";
import { descendants, enclosingFunctions, namedChildren } from "./syntax.js";

/** The global name the value of `call` is stored in, when the enclosing function declares it `global`, else null. */
export function globalCacheOf(call: Node): string | null {
  const fn = enclosingFunctions(call)[0];
  if (!fn) return null;
  let target: string | null = null;
  for (let cur: Node | null = call.parent; cur && cur.type !== "block" && cur.type !== "function_definition"; cur = cur.parent) {
    if (cur.type === "assignment") {
      const left = cur.childForFieldName("left");
      if (left?.type === "identifier") target = left.text;
      break;
    }
  }
  if (!target) return null;
  const declared = descendants(fn, "global_statement")
    .filter((g) => enclosingFunctions(g)[0]?.equals(fn))
    .flatMap((g) => namedChildren(g).map((n) => n.text));
  return declared.includes(target) ? target : null;
}
