// A class that already takes `runtime` and hands it to its own container helper as a keyword
// (`self._create_container(image, runtime=runtime if i == 0 else "runc")`, the helper splatting `**kwargs` into
// `containers.run`): that parameter is the OCI runtime, and the class decides what an unset one means (openai's
// alcatraz picks nvidia or runc). A second runtime beside it would be dead, and a default threaded into it would
// override that choice, so the class's sites are left to its maintainer.
import type { Node } from "web-tree-sitter";
import { findParam, kwargsParam } from "./owner-signature.js";
import { findMethod } from "./scope.js";
import { descendants, dictSplats, namedChildren } from "./syntax.js";

/** The method of `cls` that `__init__`'s `name` parameter reaches as `name=`, when it splats its `**kwargs` into a
 *  call that holds one of `sites`; null when there is none. */
export function runtimeHelper(cls: Node, name: string, sites: Node[]): string | null {
  const init = findMethod(cls, "__init__");
  if (!init || !findParam(init, name)) return null;
  for (const call of descendants(cls, "call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute" || fn.childForFieldName("object")?.text !== "self") continue;
    const args = namedChildren(call.childForFieldName("arguments"));
    if (!args.some((arg) => arg.type === "keyword_argument" && arg.childForFieldName("name")?.text === name)) continue;
    const method = fn.childForFieldName("attribute")!.text;
    const helper = findMethod(cls, method);
    const kwargs = helper && kwargsParam(helper);
    if (kwargs && sites.some((site) => splatsInto(site, kwargs, helper))) return method;
  }
  return null;
}

/** `site` is inside `helper`, in a call (itself or one around it) that splats `**kwargs`. */
function splatsInto(site: Node, kwargs: string, helper: Node): boolean {
  if (site.startIndex < helper.startIndex || site.endIndex > helper.endIndex) return false;
  for (let node: Node | null = site; node && node.startIndex >= helper.startIndex; node = node.parent) {
    if (node.type !== "call") continue;
    if (dictSplats(node).some((splat) => namedChildren(splat)[0]?.text === kwargs)) return true;
  }
  return false;
}

/** Lines (1-based) of the class's `self.<method>(...)` calls that pass no `name=` and splat no `**` mapping: their
 *  containers get the engine's default whatever the class decides (alcatraz's socat sidecar). */
export function helperCallsWithout(cls: Node, method: string, name: string): number[] {
  const lines: number[] = [];
  for (const call of descendants(cls, "call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute" || fn.childForFieldName("object")?.text !== "self" || fn.childForFieldName("attribute")?.text !== method) continue;
    const args = namedChildren(call.childForFieldName("arguments"));
    const passes = args.some((arg) => (arg.type === "keyword_argument" && arg.childForFieldName("name")?.text === name) || arg.type === "dictionary_splat");
    if (!passes) lines.push(call.startPosition.row + 1);
  }
  return lines;
}
