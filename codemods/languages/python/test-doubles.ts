// Test stand-ins for an owner that takes the runtime anew: `monkeypatch.setattr(mod, "get_sandbox", fake)`,
// `monkeypatch.setattr("pkg.mod.get_sandbox", fake)`, `mock.patch("pkg.mod.get_sandbox", fake)` (or `new=`,
// `side_effect=`), `patch.object(mod, "get_sandbox", ...)`, `mod.get_sandbox = fake`. The owner's callers now pass the
// runtime by keyword, so a stand-in with a fixed signature (a lambda, a def, a class whose `__call__` takes neither the
// name nor `**kwargs`) raises TypeError where it did not (rllm's warm-queue tests). crunify never edits tests: each such
// stand-in is named, so the maintainer knows before the test run does.
import type { Node } from "web-tree-sitter";
import { isTestFile } from "../../plan/file-policy.js";
import type { SourceFile } from "../../model/types.js";
import type { PyModule } from "./module-index.js";
import { findParam, kwargsParam } from "./owner-signature.js";
import type { PyOwner } from "./owners.js";
import { defName, findMethod } from "./scope.js";
import { descendants, dottedName, enclosingFunctions, keywordArg, namedChildren, positionalArgs, stringValue, unparenthesized } from "./syntax.js";
import { localBindings } from "./local-bindings.js";

export interface StaleDouble {
  file: SourceFile;
  at: number;
  note: string;
}

/** Stand-ins in the test modules for `owners` (each with the name it takes the runtime under) that cannot take it. */
export function staleDoubles(modules: PyModule[], owners: { owner: PyOwner; name: string }[]): StaleDouble[] {
  const out: StaleDouble[] = [];
  const byName = new Map(owners.map((o) => [o.owner.name, o]));
  for (const mod of modules) {
    if (!isTestFile(mod.file) || ![...byName.keys()].some((name) => mod.file.text.includes(name))) continue;
    for (const { target, value, at } of replacements(mod)) {
      const planned = byName.get(target);
      if (!planned) continue;
      const callable = callableOf(mod, value);
      if (!callable || takes(callable.def, planned.name)) continue;
      const what = planned.owner.kind === "class" ? `builds ${target}(...) with` : `calls ${target}(...) with`;
      out.push({
        file: mod.file,
        at,
        note: `the test stand-in for ${target} (${callable.label}) takes no \`${planned.name}\`, and the code now ${what} \`${planned.name}=\`: it raises TypeError there; give it \`**kwargs\` or a \`${planned.name}\` parameter (crunify never edits tests)`,
      });
    }
  }
  return out;
}

/** What a test replaces by name, with what, and where. */
function replacements(mod: PyModule): { target: string; value: Node; at: number }[] {
  const out: { target: string; value: Node; at: number }[] = [];
  for (const call of mod.nodes("call")) {
    const callee = dottedName(call.childForFieldName("function")) ?? "";
    const args = positionalArgs(call);
    const given = (index: number) => args[index] ?? keywordValue(call, "new") ?? keywordValue(call, "side_effect");
    let target: string | undefined;
    let value: Node | null | undefined;
    if (/(^|\.)setattr$/.test(callee)) {
      // `setattr(obj, "name", value)` / monkeypatch's `setattr("pkg.mod.name", value)`.
      const named = args.length >= 3 ? stringValue(args[1] ?? null) : args.length === 2 ? stringValue(args[0] ?? null) : null;
      target = named?.split(".").at(-1);
      value = args.length >= 3 ? args[2] : args[1];
    } else if (/(^|\.)patch\.object$/.test(callee)) {
      target = stringValue(args[1] ?? null) ?? undefined;
      value = given(2);
    } else if (/(^|\.)patch$/.test(callee)) {
      target = stringValue(args[0] ?? null)?.split(".").at(-1);
      value = given(1);
    }
    if (target && value) out.push({ target, value, at: call.startIndex });
  }
  for (const assign of descendants(mod.tree.rootNode, "assignment")) {
    const left = assign.childForFieldName("left");
    const right = assign.childForFieldName("right");
    if (left?.type === "attribute" && right) out.push({ target: left.childForFieldName("attribute")?.text ?? "", value: right, at: assign.startIndex });
  }
  return out;
}

function keywordValue(call: Node, name: string): Node | null {
  return keywordArg(call, name)?.childForFieldName("value") ?? null;
}

/** The callable a stand-in value is, when the test module shows it: a lambda, a def of the module (or of the function
 *  around the value), a class of either (built: its `__init__`), an instance of one or a parameter annotated with one
 *  (called: its `__call__`). A class without that method of its own is not judged. */
function callableOf(mod: PyModule, wrapped: Node): { def: Node; label: string } | null {
  const value = unparenthesized(wrapped);
  if (!value) return null;
  if (value.type === "lambda") return { def: value, label: "a lambda" };
  const method = (cls: Node | undefined, name: string) => {
    const def = cls?.type === "class_definition" ? findMethod(cls, name) : undefined;
    return def && cls ? { def, label: `${defName(cls)}.${name}` } : null;
  };
  if (value.type === "identifier") {
    const def = localDef(value, value.text) ?? mod.functions.get(value.text) ?? mod.classes.get(value.text);
    if (def?.type === "function_definition") return { def, label: `${value.text}()` };
    return def ? method(def, "__init__") : method(annotatedClass(mod, value), "__call__");
  }
  if (value.type === "call") {
    const fn = value.childForFieldName("function");
    return fn?.type === "identifier" ? method(localDef(value, fn.text) ?? mod.classes.get(fn.text), "__call__") : null;
  }
  return null;
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

/** Whether a def or lambda accepts `name=`: a parameter of that name (not positional-only) or `**kwargs`. */
function takes(def: Node, name: string): boolean {
  if (kwargsParam(def)) return true;
  const param = findParam(def, name);
  if (!param) return false;
  const params = namedChildren(def.childForFieldName("parameters"));
  const slash = params.findIndex((p) => p.type === "positional_separator");
  return slash < 0 || params.indexOf(param) > slash;
}
