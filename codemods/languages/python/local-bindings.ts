// What each function body binds directly (not inside nested functions): the classes and functions it defines and its
// plain `name = value` assignments in order. One walk per module: the callee resolver asks about every call.
import type { Node, Tree } from "web-tree-sitter";
import { defName } from "./scope.js";
import { descendants } from "./syntax.js";

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
