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
import { defName, findMethod } from "./scope.js";
import { descendants, dottedName, enclosingFunctions, keywordArg, namedChildren, positionalArgs, stringValue, unparenthesized } from "./syntax.js";
import { localBindings } from "./local-bindings.js";

export interface StaleDouble {
  file: SourceFile;
  at: number;
  note: string;
}

/** Stand-ins for `owners` (each with the name it takes the runtime under) that cannot take it. `isModule` tells a
 *  module of the group: a dotted target (`"otherlib.helpers.start"`) elsewhere replaces someone else's function. */
export function staleDoubles(modules: PyModule[], owners: { owner: PyOwner; name: string }[], isModule: (name: string) => boolean): StaleDouble[] {
  const out: StaleDouble[] = [];
  const byName = new Map(owners.map((o) => [o.owner.name, o]));
  // The owners themselves get the parameter: `self.start = start` hands on the real one.
  const real = (def: Node) =>
    owners.some(({ owner }) => {
      const body = owner.kind === "class" ? owner.node.childForFieldName("body") : null;
      return owner.node.equals(def) || (!!body && !!def.parent && def.parent.equals(body));
    });
  for (const mod of modules) {
    if (![...byName.keys()].some((name) => mod.file.text.includes(name))) continue;
    const test = isTestFile(mod.file);
    for (const { target, owner: ownerName, module, value, at } of replacements(mod)) {
      const planned = byName.get(target === "__init__" ? ownerName ?? "" : target);
      if (!planned || (target === "__init__" && planned.owner.kind !== "class")) continue;
      if (module !== undefined && !isModule(module)) continue;
      const callable = callableOf(mod, value);
      if (!callable || real(callable.def) || takes(callable, planned.name)) continue;
      const what = planned.owner.kind === "class" ? `builds ${planned.owner.name}(...) with` : `calls ${target}(...) with`;
      out.push({
        file: mod.file,
        at,
        note: `${test ? "the test stand-in" : "the stand-in"} for ${planned.owner.name} (${callable.label}) takes no \`${planned.name}\`, and the code now ${what} \`${planned.name}=\`: it raises TypeError there; give it \`**kwargs\` or a \`${planned.name}\` parameter${test ? " (crunify never edits tests)" : ""}`,
      });
    }
  }
  return out;
}

/** What a module replaces by name, with what, and where: `target` is the attribute (`__init__` with the class
 *  `owner` it belongs to), `module` the dotted module a string target names. */
function replacements(mod: PyModule): { target: string; owner?: string; module?: string; value: Node; at: number }[] {
  const out: { target: string; owner?: string; module?: string; value: Node; at: number }[] = [];
  const lastName = (node: Node | undefined) => (node ? dottedName(node)?.split(".").at(-1) : undefined);
  for (const call of mod.nodes("call")) {
    const callee = dottedName(call.childForFieldName("function")) ?? "";
    const args = positionalArgs(call);
    const given = (index: number) => args[index] ?? keywordValue(call, "new") ?? keywordValue(call, "side_effect");
    const dotted = (text: string | null | undefined) => {
      const parts = text?.split(".") ?? [];
      return parts.length > 1 ? { target: parts.at(-1)!, module: parts.slice(0, -1).join(".") } : parts.length === 1 ? { target: parts[0]! } : null;
    };
    let found: { target: string; owner?: string; module?: string } | null = null;
    let value: Node | null | undefined;
    if (/(^|\.)setattr$/.test(callee) && args.length >= 3) {
      // `setattr(obj, "name", value)`, monkeypatch's `setattr(obj, "name", value)`.
      const target = stringValue(args[1] ?? null);
      found = target ? { target, owner: lastName(args[0]) } : null;
      value = args[2];
    } else if (/(^|\.)setattr$/.test(callee) && args.length === 2) {
      // monkeypatch's `setattr("pkg.mod.name", value)`.
      found = dotted(stringValue(args[0] ?? null));
      value = args[1];
    } else if (/(^|\.)patch\.object$/.test(callee)) {
      const target = stringValue(args[1] ?? null);
      found = target ? { target, owner: lastName(args[0]) } : null;
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
    if (left?.type === "attribute" && right) out.push({ target: left.childForFieldName("attribute")?.text ?? "", owner: lastName(left.childForFieldName("object") ?? undefined), value: right, at: assign.startIndex });
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
