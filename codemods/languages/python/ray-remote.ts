// Ray: `@ray.remote` classes and functions, and `ray.remote(f)` / `ray.remote(num_cpus=1)(f)` wrappers. Their
// `.remote(...)` (also after `.options(...)`) builds the class or calls the function with those arguments, in a worker:
// that call is where the runtime goes, never into the wrapper (`ray.remote(functools.partial(f, ...))` is refused by
// Ray, which takes a plain function or class only).
import type { Node } from "web-tree-sitter";
import type { PyModule } from "./module-index.js";
import { dottedName, namedChildren, positionalArgs, unparenthesized } from "./syntax.js";

/** `ray.remote` after `import ray` (any alias), or `remote` imported from ray (any alias). */
export function isRayRemoteName(mod: PyModule, expr: Node | null): boolean {
  const parts = dottedName(expr)?.split(".") ?? [];
  if (parts.length === 2 && parts[1] === "remote") {
    const binding = mod.imports.get(parts[0]!);
    return binding?.module === "ray" && binding.name === null;
  }
  if (parts.length === 1) {
    const binding = mod.imports.get(parts[0]!);
    return binding?.module === "ray" && binding.name === "remote";
  }
  return false;
}

/** What a Ray wrapper call wraps: `f` in `ray.remote(f)` and `ray.remote(num_cpus=1)(f)`; else null. */
export function rayWrapped(mod: PyModule, call: Node | null): Node | null {
  if (call?.type !== "call") return null;
  const fn = call.childForFieldName("function");
  const args = positionalArgs(call);
  if (args.length !== 1) return null;
  if (isRayRemoteName(mod, fn)) return args[0]!;
  if (fn?.type === "call" && isRayRemoteName(mod, fn.childForFieldName("function")) && positionalArgs(fn).length === 0) return args[0]!;
  return null;
}

/** A def decorated `@ray.remote` / `@ray.remote(num_gpus=1)` / `@remote`. */
export function isRayRemoteDef(mod: PyModule, def: Node): boolean {
  const wrapper = def.parent?.type === "decorated_definition" ? def.parent : null;
  return namedChildren(wrapper).some((d) => {
    if (d.type !== "decorator") return false;
    const expr = namedChildren(d)[0] ?? null;
    return isRayRemoteName(mod, expr?.type === "call" ? expr.childForFieldName("function") : expr);
  });
}

/** The callee of `X.remote(...)` / `X.options(...).remote(...)`: X (a name, an attribute or a wrapper call); else null. */
export function rayRemoteTarget(fn: Node | null): Node | null {
  if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "remote") return null;
  let target = unparenthesized(fn.childForFieldName("object"));
  if (target?.type === "call") {
    const options = target.childForFieldName("function");
    if (options?.type === "attribute" && options.childForFieldName("attribute")?.text === "options") target = unparenthesized(options.childForFieldName("object"));
  }
  return target;
}
