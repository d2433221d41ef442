// Which class or function owns a piece of code, i.e. who has to hold the runtime for it.
import type { Node } from "web-tree-sitter";
import { isDataclassLike, type PyModule } from "./module-index.js";
import type { Resolver } from "./resolve.js";
import { classOfMethod, declaresFields, decoratorNames, enclosingFunctions, isModuleLevel, namedChildren, paramName, perNode } from "./syntax.js";

export type Scope =
  | { kind: "method"; cls: Node; method: Node; selfName: string; isInit: boolean }
  | { kind: "function"; fn: Node }
  | { kind: "module" };

export function scopeOf(node: Node): Scope {
  const fns = enclosingFunctions(node);
  for (const fn of fns) {
    const cls = classOfMethod(fn);
    if (!cls) continue;
    const decorators = decoratorNames(fn);
    if (decorators.some((d) => d === "staticmethod" || d === "classmethod")) return { kind: "function", fn };
    const first = namedChildren(fn.childForFieldName("parameters"))[0];
    const selfName = first ? paramName(first) ?? "self" : "self";
    return { kind: "method", cls, method: fn, selfName, isInit: fn.childForFieldName("name")?.text === "__init__" };
  }
  const outer = fns.at(-1);
  if (outer && isModuleLevel(outer)) return { kind: "function", fn: outer };
  return outer ? { kind: "function", fn: outer } : { kind: "module" };
}

export function findMethod(cls: Node, name: string): Node | null {
  return methodsOf(cls).get(name) ?? null;
}

/** A class body's methods by name, the first of each name (asked about the same classes again and again: every
 *  owner's plan, every call that may build one). */
export const methodsOf = perNode((cls: Node): Map<string, Node> => {
  const methods = new Map<string, Node>();
  for (const stmt of namedChildren(cls.childForFieldName("body"))) {
    const def = stmt.type === "decorated_definition" ? stmt.childForFieldName("definition") : stmt;
    const name = def?.type === "function_definition" ? def.childForFieldName("name")?.text : undefined;
    if (name !== undefined && !methods.has(name)) methods.set(name, def!);
  }
  return methods;
});

/** The class whose __init__ must take the runtime for `cls`: itself when it has an __init__ (or is a dataclass /
 *  pydantic model), else the nearest in-group base that has one, else itself (an __init__ will be added). */
export function ownerClass(resolver: Resolver, mod: PyModule, cls: Node): { mod: PyModule; cls: Node } {
  // Asked for every owner about every call that may build a class: once per class and resolver (the modules read).
  let byModule = ownerClasses.get(resolver);
  if (!byModule) ownerClasses.set(resolver, (byModule = new Map()));
  let byStart = byModule.get(mod);
  if (!byStart) byModule.set(mod, (byStart = new Map()));
  let found = byStart.get(cls.startIndex);
  if (!found) byStart.set(cls.startIndex, (found = findOwnerClass(resolver, mod, cls, 0)));
  return found;
}

const ownerClasses = new WeakMap<Resolver, Map<PyModule, Map<number, { mod: PyModule; cls: Node }>>>();

function findOwnerClass(resolver: Resolver, mod: PyModule, cls: Node, depth: number): { mod: PyModule; cls: Node } {
  if (findMethod(cls, "__init__") || depth > 8) return { mod, cls };
  if (isDataclassLike(cls)) {
    // Fields are inherited: a dataclass / model subclass holds the runtime in its in-package base's field, up to the
    // last base that declares fields of its own (not a shared utility base such as a serialisation mixin).
    const base = resolver.bases(mod, cls).find((b) => isDataclassLike(b.node) && !findMethod(b.node, "__init__") && declaresFields(b.node));
    return base ? findOwnerClass(resolver, base.mod, base.node, depth + 1) : { mod, cls };
  }
  for (const base of resolver.bases(mod, cls)) {
    const owner = findOwnerClass(resolver, base.mod, base.node, depth + 1);
    if (findMethod(owner.cls, "__init__") || isDataclassLike(owner.cls)) return owner;
  }
  return { mod, cls };
}

export function defName(def: Node): string {
  return def.childForFieldName("name")?.text ?? "?";
}
