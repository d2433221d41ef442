// Test stand-ins for an owner that takes the runtime anew: `monkeypatch.setattr(mod, "get_sandbox", fake)`,
// `monkeypatch.setattr("pkg.mod.get_sandbox", fake)`, `mock.patch("pkg.mod.get_sandbox", fake)` (or `new=`,
// `side_effect=`), `patch.object(mod, "get_sandbox", ...)`, `patch.object(Pool, "__init__", ...)`, `mod.get_sandbox =
// fake`. The owner's callers now pass the runtime by keyword, so a stand-in with a fixed signature (a lambda, a def, a
// class whose `__init__` or `__call__` takes neither the name nor `**kwargs`, a dataclass without that field) raises
// TypeError where it did not (rllm's warm-queue tests). crunify never edits tests: each such stand-in is named, so the
// maintainer knows before the test run does; so is one in the package's own code (a dry-run mode that swaps one in).
import type { Node } from "web-tree-sitter";
import { isTestFile } from "../../plan/file-policy.js";
import type { SourceFile } from "../../model/types.js";
import { isDataclassLike, type PyModule } from "./module-index.js";
import { classField, findParam, kwargsParam } from "./owner-signature.js";
import type { PyOwner } from "./owners.js";
import type { Definition, Resolver } from "./resolve.js";
import { defName, findMethod } from "./scope.js";
import { descendants, dottedName, enclosingFunctions, keywordArg, namedChildren, positionalArgs, stringValue, unparenthesized } from "./syntax.js";
import { localBindings } from "./local-bindings.js";

export interface StaleDouble {
  file: SourceFile;
  at: number;
  note: string;
}

/** Stand-ins for `owners` (each with the name it takes the runtime under) that cannot take it. What a stand-in
 *  replaces must resolve to the owner: the module it is set on (`pool`, `"sandbox.pool.start"`) names it there, or the
 *  class whose `__init__` it is; a same-named function elsewhere (`"otherlib.helpers.start"`, a test's own `Pool`) is
 *  someone else's. */
export function staleDoubles(modules: PyModule[], owners: { owner: PyOwner; name: string }[], resolver: Resolver): StaleDouble[] {
  const out: StaleDouble[] = [];
  const names = owners.map((o) => o.owner.name);
  // The owners themselves get the parameter: `self.start = start` hands on the real one.
  const real = (def: Node) =>
    owners.some(({ owner }) => {
      const body = owner.kind === "class" ? owner.node.childForFieldName("body") : null;
      return owner.node.equals(def) || (!!body && !!def.parent && def.parent.equals(body));
    });
  for (const mod of modules) {
    if (!names.some((name) => mod.file.text.includes(name))) continue;
    const test = isTestFile(mod.file);
    for (const replacement of replacements(mod)) {
      const def = replaced(resolver, mod, replacement);
      const planned = def && owners.find(({ owner }) => def.mod === owner.mod && def.node.equals(owner.node));
      if (!planned) continue;
      const callable = callableOf(mod, replacement.value);
      if (!callable || real(callable.def) || takes(callable, planned.name)) continue;
      const what = planned.owner.kind === "class" ? `builds ${planned.owner.name}(...) with` : `calls ${planned.owner.name}(...) with`;
      out.push({
        file: mod.file,
        at: replacement.at,
        note: `${test ? "the test stand-in" : "the stand-in"} for ${planned.owner.name} (${callable.label}) takes no \`${planned.name}\`, and the code now ${what} \`${planned.name}=\`: it raises TypeError there; give it \`**kwargs\` or a \`${planned.name}\` parameter${test ? " (crunify never edits tests)" : ""}`,
      });
    }
  }
  return out;
}

/** The definition a replacement puts its value in place of, when the group has it. */
function replaced(resolver: Resolver, mod: PyModule, r: Replacement): Definition | undefined {
  if (r.target === "__init__") {
    const cls = r.object ? resolver.resolve(mod, r.object) : undefined;
    return cls?.kind === "class" ? cls : undefined;
  }
  let module: PyModule | undefined;
  if (r.module !== undefined) module = resolver.module(r.module);
  else if (r.object) {
    const binding = mod.imports.get(r.object);
    if (binding) module = resolver.module(binding.name === null ? binding.module : `${binding.module}.${binding.name}`);
  }
  return module ? resolver.lookup(module, r.target) : undefined;
}

interface Replacement {
  /** The attribute replaced (`start_sandbox`, `__init__`). */
  target: string;
  /** What it is set on, as written (`pool`, `sandbox.pool`, `Pool`). */
  object?: string;
  /** The module a string target names (`"sandbox.pool.start_sandbox"` → `sandbox.pool`). */
  module?: string;
  value: Node;
  at: number;
}

/** What a module replaces by name, with what, and where. */
function replacements(mod: PyModule): Replacement[] {
  const out: Replacement[] = [];
  const objectOf = (node: Node | undefined) => (node ? dottedName(node) ?? undefined : undefined);
  for (const call of mod.nodes("call")) {
    const callee = dottedName(call.childForFieldName("function")) ?? "";
    const args = positionalArgs(call);
    const given = (index: number) => args[index] ?? keywordValue(call, "new") ?? keywordValue(call, "side_effect");
    const dotted = (text: string | null | undefined): Omit<Replacement, "value" | "at"> | null => {
      const parts = text?.split(".") ?? [];
      return parts.length > 1 ? { target: parts.at(-1)!, module: parts.slice(0, -1).join(".") } : null;
    };
    let found: Omit<Replacement, "value" | "at"> | null = null;
    let value: Node | null | undefined;
    if (/(^|\.)setattr$/.test(callee) && args.length >= 3) {
      // `setattr(obj, "name", value)`, monkeypatch's `setattr(obj, "name", value)`.
      const target = stringValue(args[1] ?? null);
      found = target ? { target, object: objectOf(args[0]) } : null;
      value = args[2];
    } else if (/(^|\.)setattr$/.test(callee) && args.length === 2) {
      // monkeypatch's `setattr("pkg.mod.name", value)`.
      found = dotted(stringValue(args[0] ?? null));
      value = args[1];
    } else if (/(^|\.)patch\.object$/.test(callee)) {
      const target = stringValue(args[1] ?? null);
      found = target ? { target, object: objectOf(args[0]) } : null;
      value = given(2);
    } else if (/(^|\.)patch$/.test(callee)) {
      found = dotted(stringValue(args[0] ?? null));
      value = given(1);
    }
    if (found && value) out.push({ ...found, value, at: call.startIndex });
  }
  for (const assign of descendants(mod.tree.rootNode, "assignment")) {
    const left = assign.childForFieldName("left");
    const right = assign.childForFieldName("right");
    if (left?.type === "attribute" && right) out.push({ target: left.childForFieldName("attribute")?.text ?? "", object: objectOf(left.childForFieldName("object") ?? undefined), value: right, at: assign.startIndex });
  }
  return out;
}

function keywordValue(call: Node, name: string): Node | null {
  return keywordArg(call, name)?.childForFieldName("value") ?? null;
}

/** The callable a stand-in value is, when the module shows it: a lambda, a def of the module (or of the function
 *  around the value, or a module-level name bound to one), a class of either (built: its `__init__`, or a dataclass's
 *  fields), an instance of one or a parameter annotated with one (called: its `__call__`). A class without that method
 *  of its own is not judged. */
function callableOf(mod: PyModule, wrapped: Node, depth = 0): Callable | null {
  const value = unparenthesized(wrapped);
  if (!value || depth > 3) return null;
  if (value.type === "lambda") return { def: value, label: "a lambda" };
  const method = (cls: Node | null | undefined, name: string): Callable | null => {
    if (cls?.type !== "class_definition") return null;
    const def = findMethod(cls, name);
    if (def) return { def, label: `${defName(cls)}.${name}` };
    return name === "__init__" && isDataclassLike(cls) ? { def: cls, label: `dataclass ${defName(cls)}`, fields: true } : null;
  };
  if (value.type === "identifier") {
    const def = localDef(value, value.text) ?? mod.functions.get(value.text) ?? mod.classes.get(value.text);
    if (def?.type === "function_definition") return { def, label: `${value.text}()` };
    if (def) return method(def, "__init__");
    const alias = mod.values.get(value.text);
    if (alias) return callableOf(mod, alias, depth + 1);
    return method(annotatedClass(mod, value), "__call__");
  }
  if (value.type === "call") {
    const fn = value.childForFieldName("function");
    return fn?.type === "identifier" ? method(localDef(value, fn.text) ?? mod.classes.get(fn.text), "__call__") : null;
  }
  return null;
}

interface Callable {
  def: Node;
  label: string;
  /** A dataclass with no `__init__` of its own: the generated one takes its fields. */
  fields?: boolean;
}

function localDef(at: Node, name: string): Node | undefined {
  for (const fn of enclosingFunctions(at)) {
    const def = localBindings(fn).defs.get(name);
    if (def) return def;
  }
  return undefined;
}

/** `def _patch(monkeypatch, fake: _FakeGetSandbox)`: the class a parameter is annotated with. */
function annotatedClass(mod: PyModule, id: Node): Node | undefined {
  const fn = enclosingFunctions(id)[0];
  const param = fn ? findParam(fn, id.text) : undefined;
  const type = param?.childForFieldName("type")?.text.replace(/^["']|["']$/g, "");
  return type ? mod.classes.get(type) : undefined;
}

/** Whether a def or lambda accepts `name=`: a parameter of that name (not positional-only) or `**kwargs`; a
 *  dataclass, a field of that name. */
function takes(callable: Callable, name: string): boolean {
  const { def } = callable;
  if (callable.fields) return !!classField(def, name);
  if (kwargsParam(def)) return true;
  const param = findParam(def, name);
  if (!param) return false;
  const params = namedChildren(def.childForFieldName("parameters"));
  const slash = params.findIndex((p) => p.type === "positional_separator");
  return slash < 0 || params.indexOf(param) > slash;
}
