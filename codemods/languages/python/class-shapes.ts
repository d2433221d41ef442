// What kind of class an owner is, where that changes how it can take the runtime: NamedTuples (no new fields),
// frozen dataclasses (no plain attribute assignment), classic attrs (`attr.ib()` fields), `__slots__` (the name must be
// a slot), dataclass bases whose subclasses add required fields, and subclasses that pin the name as a class attribute.
import type { Node } from "web-tree-sitter";
import type { Edit } from "../../model/types.js";
import { insertListItem } from "./insert.js";
import { baseNames, isDataclassLike, type PyModule } from "./module-index.js";
import { classField } from "./owner-signature.js";
import type { PyOwner } from "./owners.js";
import type { Definition, Resolver } from "./resolve.js";
import { defName, findMethod } from "./scope.js";
import { decoratorNames, descendants, namedChildren, stringValue } from "./syntax.js";

export interface ClassShape {
  namedTuple: boolean;
  dataclass: boolean;
  frozen: boolean;
  /** `attr.ib` / `attrs.field` when the class is a classic `@attr.s` without auto_attribs, else null. */
  attrsClassic: string | null;
}

export function classShape(cls: Node): ClassShape {
  const bases = baseNames(cls);
  const decorators = decoratorCalls(cls);
  const dataclass = decorators.find((d) => /(^|\.)dataclass$/.test(d.name));
  const attrsS = decorators.find((d) => /^(attr|attrs)\.(s|attrs)$/.test(d.name));
  return {
    namedTuple: bases.some((b) => /(^|\.)NamedTuple$/.test(b)) || namedChildren(cls.childForFieldName("superclasses")).some(isNamedTupleCall),
    dataclass: !!dataclass,
    frozen: !!dataclass && /\bfrozen\s*=\s*True\b/.test(dataclass.args),
    attrsClassic: attrsS && !/\bauto_attribs\s*=\s*True\b/.test(attrsS.args) ? `${attrsS.name.split(".")[0]}.ib` : null,
  };
}

function decoratorCalls(def: Node): { name: string; args: string }[] {
  const wrapper = def.parent?.type === "decorated_definition" ? def.parent : null;
  const names = decoratorNames(def);
  return namedChildren(wrapper)
    .filter((c) => c.type === "decorator")
    .map((d, i) => {
      const expr = namedChildren(d)[0];
      return { name: names[i] ?? "", args: expr?.type === "call" ? expr.childForFieldName("arguments")?.text ?? "" : "" };
    });
}

function isNamedTupleCall(node: Node): boolean {
  return node.type === "call" && /(^|\.)namedtuple$/.test(node.childForFieldName("function")?.text ?? "");
}

/** `__slots__ = ("a", "b")` / `["a", "b"]` in the class body, and how to add a name to it. */
export function slotsOf(cls: Node): { add(mod: PyModule, name: string): Edit[] } | null {
  const slots = classField(cls, "__slots__");
  const value = slots?.childForFieldName("right");
  if (!value || (value.type !== "tuple" && value.type !== "list")) return null;
  return {
    add(mod, name) {
      if (namedChildren(value).some((item) => stringValue(item) === name)) return [];
      const q = mod.quote;
      return insertListItem(mod.file.text, value, `${q}${name}${q}`);
    },
  };
}

export type Subclass = { mod: PyModule; cls: Node };

/** In-package classes that inherit from `owner`, directly or not: a walk over every class of the group, so an owner's
 *  plan computes it once and hands it to the questions below. */
export function subclassesOf(resolver: Resolver, modules: PyModule[], owner: PyOwner): Subclass[] {
  const out: Subclass[] = [];
  const inherits = (mod: PyModule, cls: Node, depth: number): boolean =>
    depth < 8 && resolver.bases(mod, cls).some((b) => (b.mod === owner.mod && b.node.equals(owner.node)) || inherits(b.mod, b.node, depth + 1));
  for (const mod of modules) for (const cls of mod.classes.values()) if (inherits(mod, cls, 0)) out.push({ mod, cls });
  return out;
}

/** Subclasses that set `name` as a class attribute (`runtime = "runc"`): a deliberate choice to keep. */
export function pinningSubclasses(subclasses: Subclass[], name: string): string[] {
  return subclasses.filter((s) => classField(s.cls, name)).map((s) => defName(s.cls));
}

/** Dataclass subclasses declaring a field without a default: a defaulted field in the base would come before it. */
export function subclassesWithRequiredFields(subclasses: Subclass[]): string[] {
  return subclasses
    .filter((s) => isDataclassLike(s.cls) && requiredFields(s.cls))
    .map((s) => defName(s.cls));
}

function requiredFields(cls: Node): boolean {
  return namedChildren(cls.childForFieldName("body")).some((stmt) => {
    const assign = stmt.type === "expression_statement" ? namedChildren(stmt)[0] : null;
    return assign?.type === "assignment" && !!assign.childForFieldName("type") && !assign.childForFieldName("right");
  });
}

/** In-package subclasses whose own `__init__` never runs the owner's: no `super().__init__(...)` and no
 *  `Base.__init__(self, ...)` of the owner or of a class between them (llm-sandbox's `PodmanContainerAPI` sets its own
 *  fields). Their instances inherit the owner's methods but never get the attribute its __init__ sets. */
export function bypassingSubclasses(owner: PyOwner, subclasses: Subclass[]): (Subclass & { init: Node })[] {
  const chainNames = new Set([defName(owner.node), ...subclasses.map((s) => defName(s.cls))]);
  const out: (Subclass & { init: Node })[] = [];
  for (const { mod, cls } of subclasses) {
    const init = findMethod(cls, "__init__");
    if (!init) {
      // A dataclass's (or attrs class's) generated __init__ runs no base's, unless its __post_init__ does.
      const post = findMethod(cls, "__post_init__");
      if (generatesInit(cls) && !(post && chainsInit(post, chainNames))) out.push({ mod, cls, init: cls });
      continue;
    }
    if (chainsInit(init, chainNames)) continue;
    out.push({ mod, cls, init });
  }
  return out;
}

/** `@dataclass` / attrs' `@define`, `@attr.s`: a class whose decorator writes an __init__ (a pydantic model inherits
 *  its base's). */
function generatesInit(cls: Node): boolean {
  return decoratorNames(cls).some((d) => /(?:^|\.)(?:dataclass|define|frozen|mutable|attrs|s)$/.test(d));
}

function chainsInit(init: Node, chainNames: Set<string>): boolean {
  // A text test first: most __init__s that chain say so in the one obvious way.
  if (!init.text.includes(".__init__")) return false;
  return descendants(init, "call").some((call) => {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "__init__") return false;
    const object = fn.childForFieldName("object");
    if (object?.type === "call" && object.childForFieldName("function")?.text === "super") return true;
    // `Base.__init__(self, ...)`; also `module.Base.__init__(...)`.
    const name = object?.text.split(".").at(-1);
    return !!name && chainNames.has(name);
  });
}

/** Whether `self.x = x` must come before the top-level `super().__init__(...)` of the owner's __init__: the class
 *  already sets its own attributes before that call, or an in-package base's __init__ calls a method the owner
 *  overrides (a pool that pre-warms through `self.new_session()`), which would read the attribute before it is set. */
export function assignBeforeSuper(resolver: Resolver, mod: PyModule, cls: Node, init: Node): boolean {
  const stmts = namedChildren(init.childForFieldName("body"));
  const at = stmts.findIndex((s) => s.type === "expression_statement" && /^super\(\s*(\w+\s*,\s*\w+\s*)?\)\.__init__\(/.test(s.text));
  if (at < 0) return false;
  const self = namedChildren(init.childForFieldName("parameters"))[0]?.text.split(/[:=]/)[0]?.trim() || "self";
  const setsOwn = stmts.slice(0, at).some((s) => {
    const assign = s.type === "expression_statement" ? namedChildren(s)[0] : null;
    const left = assign?.type === "assignment" ? assign.childForFieldName("left") : null;
    return left?.type === "attribute" && left.childForFieldName("object")?.text === self;
  });
  if (setsOwn) return true;
  const overridden = new Set(
    namedChildren(cls.childForFieldName("body"))
      .map((s) => (s.type === "decorated_definition" ? s.childForFieldName("definition") : s))
      .filter((d): d is Node => d?.type === "function_definition")
      .map((d) => d.childForFieldName("name")?.text ?? "")
      .filter((n) => n !== "__init__"),
  );
  if (overridden.size === 0) return false;
  const seen = new Set<Node>();
  const basesCall = (m: PyModule, c: Node, depth: number): boolean =>
    depth < 4 &&
    resolver.bases(m, c).some((base) => {
      if ([...seen].some((n) => n.equals(base.node))) return false;
      seen.add(base.node);
      const baseInit = findMethod(base.node, "__init__");
      return baseInit ? reachesOverridden(base.node, baseInit, overridden, 0) : basesCall(base.mod, base.node, depth + 1);
    });
  return basesCall(mod, cls, 0);
}

/** `method` calls one of `overridden` on its instance, itself or through the class's own methods it calls
 *  (`self._initialize_pool()` → `self._create_session_for_container()`), two levels deep. */
function reachesOverridden(cls: Node, method: Node, overridden: Set<string>, depth: number): boolean {
  const self = namedChildren(method.childForFieldName("parameters"))[0]?.text.split(/[:=]/)[0]?.trim() || "self";
  return descendants(method, "call").some((call) => {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute" || fn.childForFieldName("object")?.text !== self) return false;
    const name = fn.childForFieldName("attribute")?.text ?? "";
    if (overridden.has(name)) return true;
    const own = depth < 2 && name !== method.childForFieldName("name")?.text ? findMethod(cls, name) : null;
    return !!own && reachesOverridden(cls, own, overridden, depth + 1);
  });
}

/** The classes of the group `cls` derives from, nearest first, each once. */
/** `cls` derives from `target` through classes with no __init__ (nor a generated one), every base of each resolved:
 *  `Sub()` then runs the pass-through __init__ `target` is given in the same run (builders wire `Sub(runtime=...)`, and
 *  an owning `Sub` needs no __init__ of its own; the next run's ownerClass finds `target` either way). */
export function inheritsWithoutInit(resolver: Resolver, mod: PyModule, cls: Node, target: { mod: PyModule; node: Node }, depth = 0): boolean {
  if (depth > 8 || findMethod(cls, "__init__") || isDataclassLike(cls)) return false;
  const written = namedChildren(cls.childForFieldName("superclasses")).filter((s) => s.type !== "keyword_argument");
  const bases = resolver.bases(mod, cls);
  if (written.length === 0 || bases.length !== written.length) return false;
  return bases.some((base) => (base.mod === target.mod && base.node.equals(target.node)) || inheritsWithoutInit(resolver, base.mod, base.node, target, depth + 1));
}

export function ancestorsOf(resolver: Resolver, mod: PyModule, cls: Node): Definition[] {
  const out: Definition[] = [];
  const seen = new Set<number>([cls.id]);
  const queue = [...resolver.bases(mod, cls)]; // a copy: the resolver caches its answer
  while (queue.length > 0) {
    const base = queue.shift()!;
    if (base.kind !== "class" || seen.has(base.node.id)) continue;
    seen.add(base.node.id);
    out.push(base);
    queue.push(...resolver.bases(base.mod, base.node));
  }
  return out;
}
