// What each function body binds directly (not inside nested functions): the classes and functions it defines and its
// plain `name = value` assignments in order. One walk per module: the callee resolver asks about every call.
import type { Node, Tree } from "web-tree-sitter";
import { defName } from "./scope.js";
import { descendants, namedChildren, perNode } from "./syntax.js";

export interface LocalBindings {
  /** Classes and functions defined in the body, first definition of each name. */
  defs: Map<string, Node>;
  /** `name = value` statements of the body, in document order. */
  assignments: { name: string; start: number; value: Node | null; node: Node }[];
}

interface ModuleBindings {
  /** By the start offset of the function (web-tree-sitter makes a new Node object per visit). */
  byFunction: Map<number, LocalBindings>;
  /** Every name some function binds, parameters with defaults and `cls` too: a name outside it cannot be local. */
  names: Set<string>;
}

const NONE: LocalBindings = { defs: new Map(), assignments: [] };
const cache = new WeakMap<Tree, ModuleBindings>();

export function localBindings(fn: Node): LocalBindings {
  return moduleBindings(fn.tree).byFunction.get(fn.startIndex) ?? NONE;
}

/** Whether some function of the tree may bind `name` (most callees are not bound locally anywhere). `text` is the
 *  tree's source: a name it never writes before `=` or after `def`/`class` is bound nowhere, and the tree is not walked. */
export function mayBeLocal(tree: Tree, text: string, name: string): boolean {
  return writtenNames(tree, text).has(name) && moduleBindings(tree).names.has(name);
}

const written = new WeakMap<Tree, Set<string>>();

/** A superset of the names a module binds: `name =`, `name: T = ...` (keywords, defaults and dict keys too), `def name`,
 *  `class name`. */
function writtenNames(tree: Tree, text: string): Set<string> {
  let names = written.get(tree);
  if (!names) {
    names = new Set(["cls"]);
    // `name :` as well as `name =`: an annotation may span lines before its `=`.
    for (const m of text.matchAll(/\b([A-Za-z_]\w*)\s*(?::|=(?!=))|\b(?:def|class)\s+([A-Za-z_]\w*)/g)) names.add(m[1] ?? m[2]!);
    written.set(tree, names);
  }
  return names;
}

function moduleBindings(tree: Tree): ModuleBindings {
  const known = cache.get(tree);
  if (known) return known;
  const found: ModuleBindings = { byFunction: new Map(), names: new Set(["cls"]) };
  // Document order and nested ranges: the innermost function still open when a node starts is the one it belongs to.
  const open: { start: number; end: number; bindings: LocalBindings }[] = [];
  const types = ["assignment", "class_definition", "function_definition", "default_parameter", "typed_default_parameter"];
  for (const node of descendants(tree.rootNode, types)) {
    while (open.length > 0 && open.at(-1)!.end <= node.startIndex) open.pop();
    const owner = open.at(-1)?.bindings;
    if (node.type === "assignment") {
      const left = node.childForFieldName("left");
      if (left) {
        found.names.add(left.text);
        owner?.assignments.push({ name: left.text, start: node.startIndex, value: node.childForFieldName("right"), node });
      }
      continue;
    }
    const name = node.type.endsWith("parameter") ? node.childForFieldName("name")?.text : defName(node);
    if (name) found.names.add(name);
    if (node.type === "class_definition" || node.type === "function_definition") {
      if (owner && name && !owner.defs.has(name)) owner.defs.set(name, node);
    }
    if (node.type === "function_definition") {
      const bindings: LocalBindings = { defs: new Map(), assignments: [] };
      found.byFunction.set(node.startIndex, bindings);
      open.push({ start: node.startIndex, end: node.endIndex, bindings });
    }
  }
  cache.set(tree, found);
  return found;
}

/** Whether `name` at `at` is bound by an enclosing function rather than the module: a parameter (`def clean(box):`),
 *  a loop, `with … as` or `except … as` target, or an assignment in its body. Python's scoping: such a name hides the
 *  module-level function of the same name for the whole function. */
export function boundInFunction(name: string, at: Node): boolean {
  // The functions around a node, once per node: each round of the reading resolves every call again.
  return functionsAround(at).some((fn) => namesBoundIn(fn).has(name));
}

const functionsAround = perNode((at: Node): Node[] => {
  const out: Node[] = [];
  for (let cur = at.parent; cur; cur = cur.parent) if (cur.type === "function_definition" || cur.type === "lambda") out.push(cur);
  return out;
});

const boundNames = new WeakMap<Tree, Map<number, Set<string>>>();

/** Every name a function (or lambda) binds, computed once per function: the callee resolver asks for each call. */
function namesBoundIn(fn: Node): Set<string> {
  let byStart = boundNames.get(fn.tree);
  if (!byStart) boundNames.set(fn.tree, (byStart = new Map()));
  let names = byStart.get(fn.startIndex);
  if (names) return names;
  names = new Set();
  const parameters = fn.childForFieldName("parameters");
  if (parameters) for (const id of descendants(parameters, "identifier")) if (!insideDefault(id, parameters)) names.add(id.text);
  if (fn.type === "function_definition") {
    const bindings = localBindings(fn);
    for (const def of bindings.defs.keys()) names.add(def);
    for (const assign of bindings.assignments) names.add(assign.name);
    for (const target of descendants(fn, ["for_statement", "for_in_clause", "as_pattern_target", "except_clause"])) for (const n of targetNames(target)) names.add(n);
  }
  byStart.set(fn.startIndex, names);
  return names;
}

/** `def f(x=box)`: `box` in a default is read, not bound. */
function insideDefault(id: Node, parameters: Node): boolean {
  for (let cur = id.parent; cur && !cur.equals(parameters); cur = cur.parent) {
    if ((cur.type === "default_parameter" || cur.type === "typed_default_parameter") && !cur.childForFieldName("name")?.equals(id)) return true;
    if (cur.type === "typed_parameter" && !namedChildren(cur)[0]?.equals(id)) return true;
  }
  return false;
}

function targetNames(node: Node): string[] {
  const target =
    node.type === "for_statement" || node.type === "for_in_clause"
      ? node.childForFieldName("left")
      : node.type === "except_clause"
        ? node.childForFieldName("alias") ?? namedChildren(node).find((c) => c.type === "as_pattern")?.childForFieldName("alias") ?? null
        : node;
  if (!target) return [];
  return target.type === "identifier" ? [target.text] : descendants(target, "identifier").map((id) => id.text);
}
