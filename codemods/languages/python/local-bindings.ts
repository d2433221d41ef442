// What a function body binds directly (not inside nested functions): the classes and functions it defines and its
// plain `name = value` assignments in order. Computed once per function: the callee resolver asks about every call.
import type { Node } from "web-tree-sitter";
import { defName } from "./scope.js";
import { descendants, enclosingFunctions } from "./syntax.js";

export interface LocalBindings {
  /** Classes and functions defined in the body, first definition of each name. */
  defs: Map<string, Node>;
  /** `name = value` statements of the body, in document order. */
  assignments: { name: string; start: number; value: Node | null }[];
}

const cache = new WeakMap<object, Map<number, LocalBindings>>();

/** `tree` is the parsed tree `fn` belongs to (web-tree-sitter makes a new Node object per visit, so nodes are keyed by
 *  their start offset within it). */
export function localBindings(tree: object, fn: Node): LocalBindings {
  let byStart = cache.get(tree);
  if (!byStart) cache.set(tree, (byStart = new Map()));
  let found = byStart.get(fn.startIndex);
  if (!found) byStart.set(fn.startIndex, (found = collect(fn)));
  return found;
}

function collect(fn: Node): LocalBindings {
  const ownedByFn = (node: Node) => enclosingFunctions(node)[0]?.equals(fn) ?? false;
  const defs = new Map<string, Node>();
  const body = fn.childForFieldName("body");
  for (const def of body ? descendants(body, ["class_definition", "function_definition"]) : []) {
    const name = defName(def);
    if (name && !defs.has(name) && ownedByFn(def)) defs.set(name, def);
  }
  const assignments: LocalBindings["assignments"] = [];
  for (const assign of descendants(fn, "assignment")) {
    const left = assign.childForFieldName("left");
    if (left && ownedByFn(assign)) assignments.push({ name: left.text, start: assign.startIndex, value: assign.childForFieldName("right") });
  }
  return { defs, assignments };
}

const boundAnywhere = new WeakMap<object, Set<string>>();

/** Every name some function of the tree may bind (a superset: any assignment target, definition or defaulted
 *  parameter anywhere, and `cls`): a name outside it cannot be local, so most calls skip the per-function look. */
export function mayBeLocal(root: Node, name: string): boolean {
  let names = boundAnywhere.get(root.tree);
  if (!names) {
    names = new Set(["cls"]);
    for (const node of descendants(root, ["assignment", "class_definition", "function_definition", "default_parameter", "typed_default_parameter"])) {
      const bound = node.type === "assignment" ? node.childForFieldName("left") : node.childForFieldName("name");
      if (bound) names.add(bound.text);
    }
    boundAnywhere.set(root.tree, names);
  }
  return names.has(name);
}
