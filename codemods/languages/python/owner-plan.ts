// How a Python owner holds the runtime under a chosen name: a parameter (plus `self.x = x` when methods read it), a
// dataclass / pydantic / attrs field, or a pass-through __init__; or why it cannot. Class shapes that would break on a
// plain `self.x = x` (slots, frozen dataclasses, NamedTuples, subclasses that pin the name) are handled here.
import type { Node } from "web-tree-sitter";
import type { Fix, OwnerPlan, Reader } from "../../model/frontend.js";
import type { Edit } from "../../model/types.js";
import { documentParameter } from "./docstrings.js";
import { instanceControlReason } from "./instance-control.js";
import { addImport } from "./imports.js";
import { isPydanticClass, type PyModule } from "./module-index.js";
import { addAttrAssignment, addField, addInit, addInitStatement, addParam, assignsAttr, classField, defaultsToNone, findParam, ownerUsesField } from "./owner-signature.js";
import type { Owners, PyOwner } from "./owners.js";
import { atLeast, type PythonTarget } from "./python-target.js";
import type { Resolver } from "./resolve.js";
import { defName, findMethod, scopeOf } from "./scope.js";
import { ancestorsOf, assignBeforeSuper, bypassingSubclasses, classShape, inheritsWithoutInit, pinningSubclasses, slotsOf, subclassesOf, subclassesWithRequiredFields } from "./class-shapes.js";
import { classOfMethod, declaresFields, descendants, dottedName, namedChildren, unparenthesized } from "./syntax.js";

export interface PlanDeps {
  runtimeDefault: string;
  target: PythonTarget;
  modules: PyModule[];
  resolver: Resolver;
}

export function planOwner(owners: Owners, owner: PyOwner, name: string, deps: PlanDeps): OwnerPlan {
  const q = owner.mod.quote;
  const literal = `${q}${deps.runtimeDefault}${q}`;
  const accessAt = (reader: Reader) => owners.accessAt(owner, name, reader);
  const { mod, node } = owner;

  if (owner.kind === "function") {
    const param = findParam(node, name);
    return { name, exists: !!param, mayBeUnset: defaultsToNone(param), accessAt, edits: () => documented(mod, node, name, withAdd(addParam(mod, node, name, literal)), deps.target) };
  }
  const shape = classShape(node);
  if (shape.namedTuple) {
    return { name, exists: false, accessAt, reason: `${owner.name} is a NamedTuple: a new field changes its length and breaks unpacking; pass the runtime by hand`, edits: none };
  }
  if (ownerUsesField(node)) return fieldPlan(owner, name, literal, deps, accessAt);

  const init = findMethod(node, "__init__");
  const param = init ? findParam(init, name) : undefined;
  const exists = !!param;
  // Set from somewhere else (a class attribute, config, an environment variable): callers cannot choose it.
  const closed = !exists && (assignsAttr(node, name) || !!classField(node, name));
  const subclasses = subclassesOf(deps.resolver, deps.modules, owner);
  const pinned = pinningSubclasses(subclasses, name);
  const modelBases = init ? [] : unknownModelBases(mod, node, deps.resolver);
  // Subclasses whose own __init__ skips this one and sets no attribute of that name.
  const runsReader = (b: { mod: PyModule; cls: Node }, readers: Reader[]) => runsReaderOf(deps.resolver, b, readers);
  const bypassedBy = () => bypassingSubclasses(owner, subclasses).filter((b) => !assignsAttr(b.cls, name) && !classField(b.cls, name));
  const controlled = instanceControlReason(node, owner.name, name);
  if (controlled) return { name, exists: exists || !!classField(node, name), accessAt, reason: controlled, edits: none };
  if (init && !exists && isPydanticClass(node) && frozenModel(node)) {
    const reason = `${owner.name} is a frozen pydantic model with an __init__ of its own: declare \`${name}: str = ${literal}\` and hand \`${name}\` to its super().__init__() by hand`;
    return { name, exists, accessAt, reason, edits: none };
  }
  if (configurableTraits(node)) {
    // traitlets builds it from config (JupyterHub's `spawner_class(user=..., config=...)`): an __init__ parameter is
    // never set there, and `c.DockerSpawner.runtime` would be an unknown option.
    const reason = `${owner.name} is configured through traitlets (\`config=True\` traits): add a \`${name} = Unicode(${literal}, config=True)\` trait and read \`self.${name}\`, by hand; where a call also forwards \`**kwargs\` that may hold one, \`kwargs.setdefault("${name}", self.${name})\` keeps it${
      // DockerSpawner's host config trait already takes it from the config file, with no code change.
      /\bextra_host_config\b/.test(node.text) ? `; or, with no code change, \`c.${owner.name}.extra_host_config = {"runtime": ${literal}}\` in the config file` : ""
    }`;
    return { name, exists: exists || !!classField(node, name), accessAt, reason, edits: none };
  }
  return {
    name,
    exists,
    mayBeUnset: defaultsToNone(param),
    closed,
    accessAt: pinned.length > 0 ? () => ({ expr: `${selfOf(init)}.${name}`, atomic: true }) : accessAt,
    ...(modelBases.length > 0 ? { reason: `${owner.name} declares annotated fields and no __init__, and derives from ${modelBases.join(", ")}, defined where crunify does not read: that may make it a pydantic model or a dataclass; add \`${name}\` as a field or parameter by hand` } : {}),
    edits(readers, planned = []) {
      if (!init) {
        // A base this run gives a pass-through __init__ under the same name: this class inherits it.
        const heir = planned.find((p) => p.name === name && p.owner.kind === "class" && inheritsWithoutInit(deps.resolver, mod, node, p.owner as PyOwner));
        if (heir) return { edits: [], add: `nothing: it inherits the __init__ ${heir.owner.name} is given` };
        const passThrough = { edits: addInit(mod, node, name, literal), add: `a pass-through __init__ taking \`${name}\`` };
        // A subclass whose __init__ (a dataclass's generated one) skips it still runs the methods that read it.
        const skipping = bypassedBy().filter((b) => runsReader(b, readers));
        if (skipping.length === 0) return passThrough;
        passThrough.edits.push(addField(mod, node, `${name} = ${literal}`));
        passThrough.add += `, and class attribute \`${name} = ${literal}\` (the default of ${skipping.map((b) => defName(b.cls)).join(", ")}, whose __init__ does not run it)`;
        return passThrough;
      }
      // A subclass pins the name as a class attribute (`runtime = "runc"`): the base declares the default the same way
      // and sets the attribute only when a caller chose, so the pin survives.
      if (pinned.length > 0) return pinnedFix(mod, node, init, name, literal, atLeast(deps.target, 3, 10) ? "str | None" : null);
      const fix = documented(mod, init, name, withAdd(addParam(mod, init, name, literal)), deps.target);
      const needsAttr = readers.some(readsInMethod);
      if (!needsAttr || assignsAttr(node, name)) return fix;
      // A pydantic model sets only declared fields, and only once its own __init__ has run: a field, then the
      // attribute after super().__init__().
      const model = isPydanticClass(node);
      fix.edits.push(...storeAttr(mod, node, init, name, shape.frozen, !model && assignBeforeSuper(deps.resolver, mod, node, init)));
      if (model && !classField(node, name)) {
        fix.edits.push(addField(mod, node, `${name}: str = ${literal}`));
        fix.add += `, and field \`${name}: str = ${literal}\` (a pydantic model sets no undeclared attribute)`;
      }
      // A subclass whose __init__ never runs this one still calls the methods that read the attribute: a class
      // attribute gives its instances the default instead of an AttributeError (unreached() tells a human the rest).
      const bypassing = bypassedBy().filter((b) => runsReader(b, readers));
      if (bypassing.length === 0) return fix;
      fix.edits.push(addField(mod, node, `${name} = ${literal}`));
      fix.add += `, and class attribute \`${name} = ${literal}\` (the default of ${bypassing.map((b) => defName(b.cls)).join(", ")}, whose __init__ does not run ${owner.name}'s)`;
      return fix;
    },
    unreached(readers) {
      if (!readers.some(readsInMethod)) return [];
      return bypassedBy().filter((b) => runsReader(b, readers)).map((b) => ({
        file: b.mod.file,
        at: b.init.childForFieldName("name")!.startIndex,
        subject: `${defName(b.cls)}.__init__()`,
        reason: b.init.equals(b.cls)
          ? `its generated __init__ does not run ${owner.name}.__init__, which takes the OCI runtime, yet its instances use ${owner.name}'s methods that read \`self.${name}\`: they get the class default whatever their callers choose; declare a \`${name}\` field by hand`
          : `it does not run ${owner.name}.__init__, which takes the OCI runtime, yet its instances use ${owner.name}'s methods that read \`self.${name}\`: they get the class default whatever their callers choose; take \`${name}\` and set \`${selfOf(b.init)}.${name}\` there by hand`,
      }));
    },
  };
}

/** `model_config = ConfigDict(frozen=True)` (or `class Config: frozen = True`), v1's `allow_mutation = False`: no
 *  attribute can be set on an instance. */
function frozenModel(cls: Node): boolean {
  const setting = (name: string | undefined, value: Node | null) =>
    (name === "frozen" && unparenthesized(value)?.text === "True") || (name === "allow_mutation" && unparenthesized(value)?.text === "False");
  return (
    descendants(cls, "keyword_argument").some((kw) => setting(kw.childForFieldName("name")?.text, kw.childForFieldName("value"))) ||
    descendants(cls, "assignment").some((a) => setting(a.childForFieldName("left")?.text, a.childForFieldName("right")))
  );
}

/** A method other than __init__ reads it: the instance must hold it as an attribute. */
/** Whether instances of subclass `b` may run a method that reads the attribute: one of `b` or of a class it derives
 *  from (the owner's, an intermediate base's), not a sibling's (`DockerJob.run` is no `LocalJob` method). */
function runsReaderOf(resolver: Resolver, b: { mod: PyModule; cls: Node }, readers: Reader[]): boolean {
  const line = [b.cls, ...ancestorsOf(resolver, b.mod, b.cls).map((a) => a.node)];
  return readers.some((reader) => {
    const scope = scopeOf(reader.node as Node);
    return scope.kind === "method" && !scope.isInit && line.some((cls) => cls.equals(scope.cls));
  });
}

function readsInMethod(reader: Reader): boolean {
  const scope = scopeOf(reader.node as Node);
  return scope.kind === "method" && !scope.isInit;
}

/** A class body with traitlets' configurable traits: `image = Unicode("x", config=True)` or `.tag(config=True)`. */
function configurableTraits(cls: Node): boolean {
  return namedChildren(cls.childForFieldName("body")).some((stmt) => {
    const assign = stmt.type === "expression_statement" ? namedChildren(stmt)[0] : null;
    const value = unparenthesized(assign?.type === "assignment" ? assign.childForFieldName("right") : null);
    return (
      value?.type === "call" &&
      descendants(value, "keyword_argument").some((kw) => kw.childForFieldName("name")?.text === "config" && unparenthesized(kw.childForFieldName("value"))?.text === "True")
    );
  });
}

/** Dataclass / pydantic / attrs: a field. Under a dataclass base whose subclasses add fields without defaults, only a
 *  keyword-only field keeps them valid (Python 3.10+). */
function fieldPlan(owner: PyOwner, name: string, literal: string, deps: PlanDeps, accessAt: OwnerPlan["accessAt"]): OwnerPlan {
  const { mod, node } = owner;
  const field = classField(node, name);
  const exists = !!field;
  const shape = classShape(node);
  const required = shape.dataclass ? subclassesWithRequiredFields(subclassesOf(deps.resolver, deps.modules, owner)) : [];
  if (required.length > 0 && !atLeast(deps.target, 3, 10)) {
    const reason = `${required.join(", ")} add fields without defaults after ${owner.name}'s: a \`${name}\` field must be keyword-only (\`field(default=${literal}, kw_only=True)\`, Python 3.10+); raise requires-python to >=3.10 or add it by hand`;
    return { name, exists, accessAt, reason, edits: none };
  }
  return {
    name,
    exists,
    mayBeUnset: defaultsToNone(field),
    accessAt,
    edits() {
      if (required.length > 0) {
        const field = addImport(mod, "dataclasses", "field");
        const declaration = `${name}: str = ${field.name}(default=${literal}, kw_only=True)`;
        return { edits: [...field.edits, addField(mod, node, declaration)], add: `\`${declaration}\`` };
      }
      if (shape.attrsClassic) {
        const declaration = `${name} = ${shape.attrsClassic}(default=${literal})`;
        return { edits: [addField(mod, node, declaration)], add: `\`${declaration}\`` };
      }
      return fieldFix(addField(mod, node, `${name}: str = ${literal}`));
    },
  };
}

/** `self.x = x` in __init__, written so the class accepts it: through `object.__setattr__` in a frozen dataclass, and
 *  with the name added to `__slots__`. */
function storeAttr(mod: PyModule, cls: Node, init: Node, name: string, frozen: boolean, beforeSuper: boolean): Edit[] {
  const self = selfOf(init);
  const edits: Edit[] = [];
  const assign = frozen
    ? addInitStatement(mod, init, `object.__setattr__(${self}, ${mod.quote}${name}${mod.quote}, ${name})`, beforeSuper)
    : addAttrAssignment(mod, init, self, name, name, beforeSuper);
  if (assign) edits.push(assign);
  const slots = slotsOf(cls);
  if (slots) edits.push(...slots.add(mod, name));
  return edits;
}

function pinnedFix(mod: PyModule, cls: Node, init: Node, name: string, literal: string, type: string | null): Fix {
  const self = selfOf(init);
  const param = addParam(mod, init, name, "None", type);
  const edits = [addField(mod, cls, `${name} = ${literal}`), ...param.edits];
  const assign = addInitStatement(mod, init, `if ${name} is not None:\n    ${self}.${name} = ${name}`);
  if (assign) edits.push(assign);
  return { edits, add: `class attribute \`${name} = ${literal}\`, and \`${param.text}\` set on the instance when given` };
}

function selfOf(init: Node | null): string {
  const first = init ? namedChildren(init.childForFieldName("parameters"))[0] : undefined;
  return first?.text.split(/[:=]/)[0]?.trim() || "self";
}

/** The parameter's line in the def's docstring, where the docstring lists its parameters; for an `__init__` whose own
 *  docstring does not, in its class's docstring (Google style allows either, and Hugging Face's classes use the class's). */
function documented(mod: PyModule, def: Node, name: string, fix: Fix, target: PythonTarget): Fix {
  const cls = def.childForFieldName("name")?.text === "__init__" ? classOfMethod(def) : null;
  const { lineLength } = target;
  const line = documentParameter(mod.file.text, def, name, lineLength) ?? (cls ? documentParameter(mod.file.text, cls, name, lineLength) : null);
  return line ? { ...fix, edits: [...fix.edits, line] } : fix;
}

function withAdd(added: { edits: Edit[]; text: string }): Fix {
  return { edits: [...added.edits], add: `\`${added.text}\`` };
}

function fieldFix(edit: Edit, add?: string): Fix {
  return { edits: [edit], add: add ?? `\`${edit.text.trim()}\`` };
}

function none(): Fix {
  return { edits: [], add: "" };
}

/** Bases that say nothing about how a class is constructed. */
const PLAIN_BASES = /^(object|ABC|abc\.ABC|Generic(\[.*\])?|typing\.Generic(\[.*\])?|Protocol(\[.*\])?|Exception|\w*Error)$/s;

/** The bases from outside the package that are not plainly ordinary classes, of `cls` and its in-package ancestors,
 *  when some class of that chain declares annotated fields and none has an __init__: it may be a pydantic model or a
 *  dataclass through such a base, whose constructor an inserted `__init__` setting an attribute would break (pydantic
 *  refuses unknown attributes). Empty otherwise. */
function unknownModelBases(mod: PyModule, cls: Node, resolver: Resolver): string[] {
  const outside: string[] = [];
  let annotated = false;
  const seen = new Set<string>();
  const visit = (m: PyModule, c: Node, depth: number): boolean => {
    const key = `${m.file.path}:${c.startIndex}`;
    if (depth > 8 || seen.has(key)) return true;
    seen.add(key);
    if (depth > 0 && findMethod(c, "__init__")) return false;
    annotated ||= declaresFields(c);
    for (const base of namedChildren(c.childForFieldName("superclasses")).filter((b) => b.type !== "keyword_argument")) {
      // `Injector[SandboxService]`: the generic's own class.
      const named = base.type === "subscript" ? base.childForFieldName("value") : base;
      const def = resolver.resolve(m, dottedName(named) ?? "");
      if (def?.kind === "class") {
        if (!visit(def.mod, def.node, depth + 1)) return false;
      } else if (!PLAIN_BASES.test(base.text)) outside.push(base.text);
    }
    return true;
  };
  return visit(mod, cls, 0) && annotated ? [...new Set(outside)] : [];
}
