// A class that decides itself which instance a construction returns: a `__new__` that hands back a kept instance
// (`return cls._instance`), or a singleton metaclass. Every `Sandbox(...)` then re-runs `__init__` on the one shared
// object, so a runtime given to one construction is reset by the next plain one; and a `__new__` that takes no such
// argument refuses it (TypeError). Such a class cannot take the runtime as a parameter: a human picks one setting.
import type { Node } from "web-tree-sitter";
import { findMethod } from "./scope.js";
import { descendants, enclosingFunctions, namedChildren, splatOf, unparenthesized } from "./syntax.js";

/** Why `cls` cannot take `name` per construction, or null when it can. */
export function instanceControlReason(cls: Node, className: string, name: string): string | null {
  const metaclass = namedChildren(cls.childForFieldName("superclasses")).find(
    (arg) => arg.type === "keyword_argument" && arg.childForFieldName("name")?.text === "metaclass",
  );
  const meta = metaclass?.childForFieldName("value")?.text ?? "";
  if (/singleton/i.test(meta)) return singleton(className, `its metaclass \`${meta}\` keeps one instance`, name);
  const create = findMethod(cls, "__new__");
  if (!create) return null;
  const returnsKept = descendants(create, "return_statement").some((ret) => {
    if (!enclosingFunctions(ret)[0]?.equals(create)) return false;
    let value = unparenthesized(namedChildren(ret)[0] ?? null);
    if (value?.type === "subscript") value = value.childForFieldName("value");
    const object = value?.type === "attribute" ? value.childForFieldName("object")?.text : null;
    return object === "cls" || object === className;
  });
  if (returnsKept) return singleton(className, "its `__new__` hands every construction the same kept instance", name);
  const params = namedChildren(create.childForFieldName("parameters")).slice(1);
  if (params.some((p) => splatOf(p) === "**")) return null;
  return `${className}'s \`__new__\` takes no \`${name}\` argument, so a construction passing one would fail: add \`**kwargs\` to it, or read the runtime from a setting, by hand`;
}

function singleton(className: string, how: string, name: string): string {
  return `${className} is a singleton (${how}): a \`${name}\` given to one construction would not hold for the next; read it from one setting (a config field or an environment variable) in the class, by hand`;
}
