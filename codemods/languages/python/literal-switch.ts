// A call that picks, with a literal, a branch that creates no container: `CodeExecutionToolkit()` whose __init__ builds
// its DockerInterpreter only under `if sandbox == "docker":` and whose `sandbox` defaults to "subprocess". Such a call
// never reaches the containers, so its caller needs no runtime (camel's Workforce got one that did nothing).
import type { Node } from "web-tree-sitter";
import { findParam, params } from "./owner-signature.js";
import { defName } from "./scope.js";
import { calleeName, callArguments, classOfMethod, decoratorNames, descendants, enclosingFunctions, keywordArg, namedChildren, paramName, splatOf, stringValue, unparenthesized } from "./syntax.js";

/** What a parameter holds at a call: a string, None, or unknown (undefined). */
type Value = { text: string | null } | undefined;

/** `reader` (a site or a call that passes the runtime on) sits in the function `call` runs, under a condition on one of
 *  its parameters that this call's literal argument (or the parameter's literal default) makes false. */
export function switchedOff(call: Node, reader: Node): boolean {
  const fn = enclosingFunctions(reader)[0];
  if (!fn || !runsFunction(call, fn)) return false;
  const valueOf = (name: string): Value => (rebound(fn, name) ? undefined : argumentValue(call, fn, name));
  for (let prev = reader, cur = reader.parent; cur && !cur.equals(fn); prev = cur, cur = cur.parent) {
    if (guardIs(cur, prev, valueOf) === false) return true;
  }
  return false;
}

/** The call runs `fn`: a class's `__init__` called by the class's name, or a function or method called by its own. */
function runsFunction(call: Node, fn: Node): boolean {
  const name = calleeName(call);
  const cls = classOfMethod(fn);
  if (defName(fn) === "__init__") return !!cls && name === defName(cls);
  return name === defName(fn);
}

/** Whether the branch of `node` that holds `child` runs: false when a condition on the parameters rules it out. */
function guardIs(node: Node, child: Node, valueOf: (name: string) => Value): boolean | undefined {
  if (node.type === "if_statement" || node.type === "elif_clause" || node.type === "else_clause") {
    const chain = ifChain(node);
    if (!chain) return undefined;
    const { conditions, index } = chain;
    const inBody = node.type === "else_clause" ? node.childForFieldName("body")?.equals(child) : node.childForFieldName("consequence")?.equals(child);
    if (!inBody) return undefined;
    // Every earlier condition false, and its own true.
    const earlier = conditions.slice(0, index).map((c) => truth(c, valueOf));
    if (earlier.some((t) => t === true)) return false;
    const own = index < conditions.length ? truth(conditions[index]!, valueOf) : undefined;
    return own === false ? false : undefined;
  }
  if (node.type === "conditional_expression") {
    const [whenTrue, condition, whenFalse] = namedChildren(node);
    const t = condition ? truth(condition, valueOf) : undefined;
    if (whenTrue?.equals(child)) return t === false ? false : undefined;
    if (whenFalse?.equals(child)) return t === true ? false : undefined;
  }
  return undefined;
}

/** The conditions of an if/elif chain and the position of `clause` in it (an else clause comes after them all). */
function ifChain(clause: Node): { conditions: Node[]; index: number } | undefined {
  const statement = clause.type === "if_statement" ? clause : clause.parent;
  if (statement?.type !== "if_statement") return undefined;
  const conditions = [statement.childForFieldName("condition")!];
  let index = clause.type === "if_statement" ? 0 : -1;
  for (const alt of statement.childrenForFieldName("alternative")) {
    if (!alt) continue;
    if (alt.type === "elif_clause") {
      if (alt.equals(clause)) index = conditions.length;
      conditions.push(alt.childForFieldName("condition")!);
    } else if (alt.equals(clause)) index = conditions.length + 1;
  }
  if (index < 0) return undefined;
  return { conditions, index: Math.min(index, conditions.length) };
}

/** A condition's value when it compares a parameter with literals (`sandbox == "docker"`, `kind in ("a", "b")`),
 *  through `and`, `or`, `not` and parentheses; undefined for anything else. */
function truth(node: Node, valueOf: (name: string) => Value): boolean | undefined {
  switch (node.type) {
    case "parenthesized_expression":
      return namedChildren(node)[0] ? truth(namedChildren(node)[0]!, valueOf) : undefined;
    case "not_operator": {
      const t = node.childForFieldName("argument") ? truth(node.childForFieldName("argument")!, valueOf) : undefined;
      return t === undefined ? undefined : !t;
    }
    case "boolean_operator": {
      const left = truth(node.childForFieldName("left")!, valueOf);
      const right = truth(node.childForFieldName("right")!, valueOf);
      const op = node.childForFieldName("operator")?.text;
      if (op === "and") return left === false || right === false ? false : left === true && right === true ? true : undefined;
      if (op === "or") return left === true || right === true ? true : left === false && right === false ? false : undefined;
      return undefined;
    }
    case "comparison_operator":
      return comparison(node, valueOf);
    default:
      return undefined;
  }
}

function comparison(node: Node, valueOf: (name: string) => Value): boolean | undefined {
  const operands = namedChildren(node);
  const operators = node.childrenForFieldName("operators").filter((o): o is Node => !!o).map((o) => o.text.replace(/\s+/g, " "));
  if (operands.length !== 2 || operators.length !== 1) return undefined;
  const [a, b] = operands.map((operand) => unparenthesized(operand)!) as [Node, Node];
  const op = operators[0];
  if (op === "==" || op === "!=") {
    const [param, other] = a.type === "identifier" ? [a, b] : [b, a];
    if (param.type !== "identifier") return undefined;
    const value = valueOf(param.text);
    const literal = literalOf(other);
    if (!value || !literal) return undefined;
    return (value.text === literal.text) === (op === "==");
  }
  if ((op === "in" || op === "not in") && a.type === "identifier" && ["tuple", "list", "set"].includes(b.type)) {
    const value = valueOf(a.text);
    const items = namedChildren(b).map(literalOf);
    if (!value || items.some((item) => !item)) return undefined;
    return items.some((item) => item!.text === value.text) === (op === "in");
  }
  return undefined;
}

function literalOf(written: Node | null | undefined): Value {
  const node = unparenthesized(written ?? null);
  if (!node) return undefined;
  if (node.type === "none") return { text: null };
  const text = stringValue(node);
  return text === null ? undefined : { text };
}

/** The parameter's value at the call: its literal argument, else its literal default; undefined when a splat may hold
 *  it or the argument is not a literal. */
function argumentValue(call: Node, fn: Node, name: string): Value {
  const param = findParam(fn, name);
  if (!param) return undefined;
  const keyword = keywordArg(call, name);
  if (keyword) return literalOf(keyword.childForFieldName("value"));
  const args = namedChildren(callArguments(call));
  if (args.some((arg) => arg.type === "list_splat" || arg.type === "dictionary_splat")) return undefined;
  const positional = positionalSlots(fn);
  const slot = positional.indexOf(name);
  const given = args.filter((arg) => arg.type !== "keyword_argument");
  if (slot >= 0 && slot < given.length) return literalOf(given[slot]);
  if (param.type !== "default_parameter" && param.type !== "typed_default_parameter") return undefined;
  return literalOf(param.childForFieldName("value"));
}

/** The names a call may fill by position: the parameters before `*`, `*args` or `**kwargs`, without `self`/`cls`. */
function positionalSlots(fn: Node): string[] {
  const names: string[] = [];
  for (const param of params(fn)) {
    if (param.type === "keyword_separator" || splatOf(param) || param.type === "list_splat_pattern" || param.type === "dictionary_splat_pattern") break;
    if (param.type === "positional_separator") continue;
    const name = paramName(param);
    if (name) names.push(name);
  }
  const bound = classOfMethod(fn) && !decoratorNames(fn).includes("staticmethod");
  return bound ? names.slice(1) : names;
}

/** The function may give the parameter another value before the branch (`sandbox = sandbox or "docker"`, a
 *  comprehension's or a `match` case's capture, an import), or a decorator may hand it one the call does not show;
 *  a positional-only parameter's keyword goes to `**kwargs` instead. */
function rebound(fn: Node, name: string): boolean {
  const body = fn.childForFieldName("body");
  if (!body || params(fn).some((p) => p.type === "positional_separator")) return true;
  if (decoratorNames(fn).some((d) => d !== "staticmethod" && d !== "classmethod")) return true;
  const binders = ["assignment", "augmented_assignment", "for_statement", "for_in_clause", "named_expression", "global_statement", "nonlocal_statement", "delete_statement", "as_pattern", "import_statement", "import_from_statement", "case_clause", "except_clause", "with_item", "type_alias_statement"];
  const targets = descendants(body, binders).flatMap((node) => {
    if (node.type === "assignment" || node.type === "augmented_assignment" || node.type === "for_statement" || node.type === "for_in_clause") return [node.childForFieldName("left")];
    if (node.type === "named_expression") return [node.childForFieldName("name")];
    // A case clause binds in its patterns, an except clause after `as`: the blocks they hold are read on their own.
    if (node.type === "case_clause" || node.type === "except_clause") return namedChildren(node).filter((c) => c.type !== "block");
    return [node];
  });
  return targets.some((target) => !!target && (target.text === name || descendants(target, "identifier").some((id) => id.text === name)));
}
