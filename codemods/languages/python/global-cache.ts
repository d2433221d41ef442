// A function that keeps what it builds in a module global (`global _config; if _config is None: _config = build()`)
// or, as a singleton, in a class attribute (`if not cls._instance: cls._instance = cls._create()` in a class method,
// `Reaper._instance` alike)
// or in a module-level dict by key (`_tasks[tid] = Task(tid)`, the key not holding the runtime)
// hands every later caller the first caller's object: a runtime parameter there would be honoured once and then
// silently ignored. The runtime cannot be threaded through such a call; a human chooses it where the cache is filled.
import type { Node } from "web-tree-sitter";
import { classOfMethod, decoratorNames, descendants, enclosingFunctions, namedChildren, unparenthesized } from "./syntax.js";

/** Where the value of `call` is kept (`the global \`_config\``, `the class attribute \`cls._instance\``), when the
 *  enclosing function caches it so, else null. */
export function globalCacheOf(call: Node): string | null {
  const fn = enclosingFunctions(call)[0];
  if (!fn) return null;
  let target: Node | null = null;
  for (let cur: Node | null = call.parent; cur && cur.type !== "block" && cur.type !== "function_definition"; cur = cur.parent) {
    if (cur.type === "assignment") {
      target = cur.childForFieldName("left");
      break;
    }
  }
  if (target?.type === "identifier") {
    const declared = descendants(fn, "global_statement")
      .filter((g) => enclosingFunctions(g)[0]?.equals(fn))
      .flatMap((g) => namedChildren(g).map((n) => n.text));
    if (declared.includes(target.text)) return `the global \`${target.text}\``;
  }
  if (target?.type === "attribute" && isClassAttributeOfClassMethod(target, fn) && testedInFunction(target.text, fn)) {
    return `the class attribute \`${target.text}\``;
  }
  const dict = moduleDictKeeping(call, target, fn);
  return dict ? `the module-level dict \`${dict}\`` : null;
}

/** A module-level dict the function fills with what `call` builds, by key: `_tasks[key] = Task(...)`,
 *  `task = Task(...); _tasks[key] = task`, or `_tasks.setdefault(key, Task(...))`. Its name, or null. */
function moduleDictKeeping(call: Node, target: Node | null, fn: Node): string | null {
  const moduleDict = (subscript: Node | null): string | null => {
    const object = subscript?.type === "subscript" ? subscript.childForFieldName("value") : null;
    return object?.type === "identifier" && boundAtModuleLevel(object.text, fn) ? object.text : null;
  };
  if (target?.type === "subscript") return moduleDict(target);
  let outer = call;
  while (outer.parent?.type === "parenthesized_expression") outer = outer.parent;
  const args = outer.parent?.type === "argument_list" ? outer.parent : null;
  const method = args?.parent?.childForFieldName("function");
  if (method?.type === "attribute" && method.childForFieldName("attribute")?.text === "setdefault") {
    const object = method.childForFieldName("object");
    if (object?.type === "identifier" && boundAtModuleLevel(object.text, fn)) return object.text;
  }
  if (target?.type !== "identifier") return null;
  for (const assignment of descendants(fn, "assignment")) {
    if (unparenthesized(assignment.childForFieldName("right"))?.text !== target.text) continue;
    const dict = moduleDict(assignment.childForFieldName("left"));
    if (dict) return dict;
  }
  return null;
}

/** `name = {...}` / `name: dict[...] = {}` at the top of the module, and not rebound inside `fn`. */
function boundAtModuleLevel(name: string, fn: Node): boolean {
  const root = fn.tree.rootNode;
  const atTop = namedChildren(root).some((stmt) => {
    const assign = stmt.type === "expression_statement" ? namedChildren(stmt)[0] : null;
    const right = unparenthesized(assign?.type === "assignment" ? assign.childForFieldName("right") : null);
    return assign?.childForFieldName("left")?.text === name && (right?.type === "dictionary" || /^(dict|defaultdict|OrderedDict|WeakValueDictionary)\(/.test(right?.text ?? ""));
  });
  const rebound = descendants(fn, "assignment").some((a) => a.childForFieldName("left")?.text === name);
  return atTop && !rebound;
}

/** `cls.x` in a `@classmethod` (its first parameter is the class), or `Reaper.x` in a method of `Reaper`. */
function isClassAttributeOfClassMethod(target: Node, fn: Node): boolean {
  const object = target.childForFieldName("object");
  const cls = classOfMethod(fn);
  if (!cls || object?.type !== "identifier") return false;
  const first = namedChildren(fn.childForFieldName("parameters"))[0];
  return (decoratorNames(fn).includes("classmethod") && object.text === first?.text) || object.text === cls.childForFieldName("name")?.text;
}

/** The function tests the attribute before filling it (`if not cls._instance:`, `if cls._instance is None:`): a cache,
 *  not a plain assignment. */
function testedInFunction(text: string, fn: Node): boolean {
  return descendants(fn, ["if_statement", "conditional_expression"]).some((test) => {
    const condition = test.type === "if_statement" ? test.childForFieldName("condition") : namedChildren(test)[1];
    return !!condition && (condition.text === text || descendants(condition, "attribute").some((a) => a.text === text));
  });
}
