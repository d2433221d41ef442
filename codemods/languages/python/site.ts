// A container-creation site found in Python code, and the shared ways to pass the runtime to a call.
import type { Node } from "web-tree-sitter";
import type { Edit } from "../../model/types.js";
import { insertListItem } from "./insert.js";
import type { PyModule } from "./module-index.js";
import { kwargsParam } from "./owner-signature.js";
import { scopeOf } from "./scope.js";
import { callArguments, descendants, dictSplats, enclosingFunctions, keywordArg, namedChildren, runsOnEveryWayTo, stringValue, unparenthesized } from "./syntax.js";

export interface Site {
  mod: PyModule;
  /** Where the finding points. */
  node: Node;
  /** What was found, for messages: "containers.create(...)", "docker run argv", ... */
  what: string;
  /** The library door the container goes through (`minisweagent run_args`), for the audit. */
  via?: string;
  /** The expression that already passes the runtime (`self.runtime`, `"runc"`), or null when unwired. */
  wiredWith: string | null;
  /** Why it cannot be rewritten automatically, when it can't. */
  manual?: string;
  /** What a human should know once it is wired (see SiteFact.note). */
  note?: string;
  /** Edits that pass `runtime` (an expression valid at the site). */
  fix(runtime: string): Edit[];
  /** How the fix reads in a message, e.g. `runtime=self.runtime`. */
  hint(runtime: string): string;
}

/** The quote character the file mostly uses for strings. */
export function preferredQuote(mod: PyModule): string {
  return mod.quote;
}

/** The expression a call passes as keyword `name` (also inside a `**{...}` literal), or null. */
export function passedKeyword(call: Node, name: string): string | null {
  const kw = keywordArg(call, name);
  if (kw) return unparenthesized(kw.childForFieldName("value"))?.text ?? "";
  for (const splat of dictSplats(call)) {
    const inner = unparenthesized(namedChildren(splat)[0] ?? null);
    const dict = inner?.type === "identifier" ? localDict(call, inner.text) : inner;
    const found = dict && dictValue(dict, name);
    if (found !== null && found !== undefined) return found;
    // `opts["runtime"] = r` / `opts.update(runtime=r)` before `create(**opts)`.
    if (inner?.type === "identifier") {
      const set = setLater(call, inner.text, name);
      if (set !== null) return set;
    }
  }
  return null;
}

/** `{"runtime": x}` or `dict(runtime=x)`: the value text of key `name`, or null. */
export function dictValue(dict: Node, name: string): string | null {
  if (dict.type === "call" && dict.childForFieldName("function")?.text === "dict") return keywordArg(dict, name)?.childForFieldName("value")?.text ?? null;
  if (dict.type !== "dictionary") return null;
  for (const pair of namedChildren(dict)) {
    if (pair.type === "pair" && stringValue(pair.childForFieldName("key")) === name) return unparenthesized(pair.childForFieldName("value"))?.text ?? "";
  }
  return null;
}

/** The dict literal last assigned to `variable` in the function holding `call`, before it. */
export function localDict(call: Node, variable: string): Node | null {
  const fn = enclosingFunctions(call)[0];
  let found: Node | null = null;
  for (const assign of fn ? descendants(fn, "assignment") : []) {
    if (assign.startIndex > call.startIndex) break;
    // A dict bound in a branch the call is outside of may not be the one it gets: only one bound on every way counts.
    if (assign.childForFieldName("left")?.text === variable && runsOnEveryWayTo(assign, call)) found = unparenthesized(assign.childForFieldName("right"));
  }
  return found;
}

/** `variable["name"] = x` or `variable.update(name=x)` on every way from the function's start to `call`: before it in
 *  a block that holds it, or in every branch of an `if` with an `else` there. Set in one branch only
 *  (`if gpu: opts["runtime"] = "nvidia"`), the other ways reach the call without it. */
function setLater(call: Node, variable: string, name: string): string | null {
  const fn = enclosingFunctions(call)[0];
  if (!fn) return null;
  // Innermost block first: the last definite set before the call there is the one that holds.
  for (let stmt: Node | null = call; stmt && !stmt.equals(fn); stmt = stmt.parent) {
    const block = stmt.parent;
    if (block?.type !== "block") continue;
    let found: string | null = null;
    for (const before of namedChildren(block)) {
      if (before.startIndex >= stmt.startIndex) break;
      found = setsOnEveryWay(before, variable, name) ?? found;
    }
    if (found !== null) return found;
  }
  return null;
}

/** The value statement `stmt` always gives `variable["name"]`, or null when some way through it does not. */
function setsOnEveryWay(stmt: Node, variable: string, name: string): string | null {
  const inBlock = (block: Node | null) => namedChildren(block).reduce<string | null>((found, s) => setsOnEveryWay(s, variable, name) ?? found, null);
  switch (stmt.type) {
    case "expression_statement": {
      const node = namedChildren(stmt)[0];
      if (node?.type === "assignment") {
        const left = node.childForFieldName("left");
        const key = left?.type === "subscript" && left.childForFieldName("value")?.text === variable ? namedChildren(left).at(-1) : null;
        return key && stringValue(key) === name ? node.childForFieldName("right")?.text ?? "" : null;
      }
      if (node?.type === "call" && node.childForFieldName("function")?.text === `${variable}.update`) return keywordArg(node, name)?.childForFieldName("value")?.text ?? null;
      return null;
    }
    case "with_statement":
      return inBlock(stmt.childForFieldName("body"));
    case "if_statement": {
      const branches = [stmt.childForFieldName("consequence"), ...namedChildren(stmt).filter((c) => c.type === "elif_clause").map((c) => c.childForFieldName("consequence"))];
      const otherwise = namedChildren(stmt).find((c) => c.type === "else_clause")?.childForFieldName("body") ?? null;
      if (!otherwise) return null;
      const values = [...branches, otherwise].map(inBlock);
      return values.every((v) => v !== null) ? values[0]! : null;
    }
    default:
      return null;
  }
}

/** Add `name=value` to a call. With a `**splat` that may already carry the name, merge instead
 *  (`**{"name": value, **splat}`), so the caller's value still wins and Python never sees the keyword twice. */
export function addKeyword(mod: PyModule, call: Node, name: string, value: string, splatIsSafe = false): Edit[] {
  const args = callArguments(call);
  if (!args) return [];
  const splats = dictSplats(call);
  if (splats.length > 0 && !splatIsSafe && !ownKwargsWithout(call, name, value)) {
    const splat = splats[0]!;
    const inner = namedChildren(splat)[0]!;
    const q = preferredQuote(mod);
    if (inner.type === "dictionary") {
      return insertListItem(mod.file.text, inner, `${q}${name}${q}: ${value}`, namedChildren(inner)[0] ?? null);
    }
    return [
      { start: inner.startIndex, end: inner.startIndex, text: `{${q}${name}${q}: ${value}, **` },
      { start: inner.endIndex, end: inner.endIndex, text: "}" },
    ];
  }
  return insertListItem(mod.file.text, args, `${name}=${value}`, splats[0] ?? null);
}

/** `f(**kwargs, name=name)` inside the def whose own parameter `name` is: its `**kwargs` cannot hold `name`, so a plain
 *  keyword is safe (and is what the maintainer would write). */
function ownKwargsWithout(call: Node, name: string, value: string): boolean {
  if (value !== name) return false;
  const splats = dictSplats(call);
  const inner = enclosingFunctions(call)[0];
  if (splats.length !== 1 || !inner) return false;
  const scope = scopeOf(call);
  const ownerDef = scope.kind === "method" ? scope.method : scope.kind === "function" ? scope.fn : null;
  return !!ownerDef?.equals(inner) && kwargsParam(inner) === namedChildren(splats[0]!)[0]?.text;
}
