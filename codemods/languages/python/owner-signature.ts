// Reading and extending an owner's signature: does it already take the runtime, does the name mean something else,
// and the edits that add the parameter, the `self.x = x` line, a dataclass field or a whole __init__.
import type { Node } from "web-tree-sitter";
import type { Edit } from "../../model/types.js";
import { isOciRuntimeName } from "../../plan/naming.js";
import { addImport } from "./imports.js";
import { insertListItem } from "./insert.js";
import { isDataclassLike, type PyModule } from "./module-index.js";
import { findMethod } from "./scope.js";
import { classOfMethod, commentBlockStart, decoratorNames, descendants, lineIndent, namedChildren, paramName, perNode, splatOf, stringValue, unparenthesized } from "./syntax.js";

export function isOciDefault(param: Node | undefined | null): boolean {
  const value = param?.childForFieldName("value");
  const text = stringValue(value ?? null);
  return text !== null && isOciRuntimeName(text);
}

/** `runtime=None`, `runtime: str | None = None` (a parameter or a class field): unset unless someone chooses. */
export function defaultsToNone(declaration: Node | undefined | null): boolean {
  const value = declaration?.childForFieldName(declaration.type === "assignment" ? "right" : "value");
  return value?.type === "none";
}

export function params(def: Node): Node[] {
  return namedChildren(def.childForFieldName("parameters"));
}

export function findParam(def: Node, name: string): Node | undefined {
  return params(def).find((p) => paramName(p) === name && !splatOf(p));
}

export function kwargsParam(def: Node): string | null {
  const splat = params(def).find((p) => splatOf(p) === "**");
  return splat ? paramName(splat) : null;
}

/** The def reads `name` out of its `**kwargs` (`options.get("runtime", 60)`, `kwargs["runtime"]`, `"runtime" in
 *  kwargs`): a caller's `runtime=` already means what the def makes of it, and a parameter of that name would take
 *  it away from there (a time limit handed on as `**vars(args)` would become the OCI runtime). */
function readsKwargsKey(def: Node, name: string): boolean {
  const kwargs = kwargsParam(def);
  if (!kwargs || !def.text.includes(name)) return false;
  return descendants(def, "identifier").some((id) => {
    if (id.text !== kwargs) return false;
    const parent = id.parent;
    if (parent?.type === "subscript") return stringValue(parent.childForFieldName("subscript")) === name;
    if (parent?.type === "comparison_operator") return stringValue(parent.namedChildren[0] ?? null) === name;
    if (parent?.type === "attribute" && parent.parent?.type === "call" && ["get", "pop", "setdefault"].includes(parent.childForFieldName("attribute")?.text ?? "")) {
      return stringValue(namedChildren(parent.parent.childForFieldName("arguments"))[0] ?? null) === name;
    }
    return false;
  });
}

/** Whether `<selfName>.<attr> = ...` appears anywhere in the class. */
export function assignsAttr(cls: Node, attr: string): boolean {
  const known = attrsAsked(cls);
  let found = known.get(attr);
  if (found === undefined) known.set(attr, (found = findsAttrAssignment(cls, attr)));
  return found;
}

/** Answers by class and name: every owner's plan and every edge ask about the same classes. */
const attrsAsked = perNode((): Map<string, boolean> => new Map());

function findsAttrAssignment(cls: Node, attr: string): boolean {
  // Most names asked about appear nowhere in the class: its text says so without walking it.
  if (!cls.text.includes(attr)) return false;
  for (const assign of descendants(cls, ["assignment", "augmented_assignment"])) {
    const left = assign.childForFieldName("left");
    if (left?.type === "attribute" && left.childForFieldName("attribute")?.text === attr) {
      const object = left.childForFieldName("object");
      if (object?.type === "identifier") return true;
    }
  }
  return false;
}

/** A class-level field `attr: T = ...` / `attr = ...`. */
export function classField(cls: Node, attr: string): Node | undefined {
  for (const stmt of namedChildren(cls.childForFieldName("body"))) {
    const assign = stmt.type === "expression_statement" ? stmt.namedChildren[0] : null;
    if (assign?.type === "assignment" && assign.childForFieldName("left")?.text === attr) return assign;
  }
  return undefined;
}

/** Whether `name` is free for the runtime on this owner, already ours, or taken by something else. A module imported
 *  under that name, or a method or property of the class with it, is a clash: a parameter would shadow them. */
export function nameStatus(owner: Node, name: string, imports?: ReadonlyMap<string, unknown>): "free" | "ours" | "taken" {
  if (imports?.has(name)) return "taken";
  if (owner.type === "class_definition") {
    if (findMethod(owner, name)) return "taken";
    const field = classField(owner, name);
    if (field) return isOciDefault(field) || isOciRuntimeName(stringValue(field.childForFieldName("right")) ?? "") ? "ours" : "taken";
    const init = findMethod(owner, "__init__");
    const param = init ? findParam(init, name) : undefined;
    if (param) return isOciDefault(param) ? "ours" : "taken";
    if (init && readsKwargsKey(init, name)) return "taken";
    return assignsAttr(owner, name) ? "taken" : "free";
  }
  const param = findParam(owner, name);
  if (param) return isOciDefault(param) ? "ours" : "taken";
  if (readsKwargsKey(owner, name)) return "taken";
  if (!owner.text.includes(name)) return "free";
  // A command-line option of that name on another parameter (`python: str = typer.Option("--runtime")`): a
  // parameter named so would be a second `--runtime` option.
  const option = new RegExp(`["']--${name.replace(/_/g, "-")}(?:["'=])`);
  if (option.test(owner.childForFieldName("parameters")?.text ?? "")) return "taken";
  for (const assign of descendants(owner, "assignment")) {
    if (assign.childForFieldName("left")?.text === name) return "taken";
  }
  // `cfg.runtime == "local"`: the function already speaks of a runtime that is no OCI runtime (hud's placement).
  return comparesOtherRuntime(owner, name) ? "taken" : "free";
}

/** `x.<name> == "local"` (or `!=`, `in`) somewhere in the def, against a literal that names no OCI runtime. */
function comparesOtherRuntime(def: Node, name: string): boolean {
  if (!def.text.includes(`.${name}`)) return false;
  return descendants(def, "comparison_operator").some((cmp) => {
    const operands = namedChildren(cmp).map((n) => unparenthesized(n)!);
    const attr = operands.some((n) => n.type === "attribute" && n.childForFieldName("attribute")?.text === name);
    const literals = operands.flatMap((n) => (n.type === "string" ? [n] : n.type === "tuple" || n.type === "list" || n.type === "set" ? namedChildren(n) : [])).map((n) => stringValue(n));
    return attr && literals.some((v) => v !== null && !isOciRuntimeName(v));
  });
}

/** The def is typed: an annotated parameter, or a return type on a def whose parameters are all typed but `self` /
 *  `cls` (`def make(cls) -> "Reaper"`: mypy's strict mode checks it, and an untyped parameter there is a new error). */
function annotated(def: Node): boolean {
  const typed = (p: Node) => p.type === "typed_parameter" || p.type === "typed_default_parameter";
  const all = params(def);
  if (all.some(typed)) return true;
  const receiver = classOfMethod(def) && !decoratorNames(def).includes("staticmethod") ? 1 : 0;
  return !!def.childForFieldName("return_type") && all.slice(receiver).every(typed);
}

export function isDocstringStatement(stmt: Node | undefined): boolean {
  return stmt?.type === "expression_statement" && stmt.namedChildren[0]?.type === "string";
}

/** Add `name: str = "crun"` to a def: before `**kwargs`, else last (keyword-only after `*`/`*args`, so no positional
 *  argument ever shifts). */
export function addParam(mod: PyModule, def: Node, name: string, defaultLiteral: string, type: string | null = "str"): { edits: Edit[]; text: string } {
  const list = def.childForFieldName("parameters")!;
  const text = annotated(def) && type ? `${name}: ${type} = ${defaultLiteral}` : `${name}=${defaultLiteral}`;
  const splat = params(def).find((p) => splatOf(p) === "**") ?? null;
  return { edits: insertListItem(mod.file.text, list, text, splat), text };
}

/** `self.name = name` in __init__ (see addInitStatement for where). */
export function addAttrAssignment(mod: PyModule, init: Node, selfName: string, attr: string, value: string, beforeSuper = false): Edit | null {
  return addInitStatement(mod, init, `${selfName}.${attr} = ${value}`, beforeSuper);
}

/** A statement in __init__: right after a top-level `super().__init__(...)` (the base may set attributes of its own),
 *  or right before it with `beforeSuper` (the base's __init__ reads it, class-shapes.ts assignBeforeSuper), else as
 *  the first statement after the docstring, above any comment that introduces that statement. A one-line body
 *  (`def __init__(self, image): self.image = image`) gets `; <statement>` at its end when the statement is one line.
 *  Continuation lines of `statement` are indented like its first line. */
export function addInitStatement(mod: PyModule, init: Node, statement: string, beforeSuper = false): Edit | null {
  const body = init.childForFieldName("body");
  if (!body) return null;
  const stmts = namedChildren(body);
  const text = mod.file.text;
  const lines = (indent: string) => statement.split("\n").join(`\n${indent}`);
  if (body.startPosition.row === init.startPosition.row) {
    const last = stmts.at(-1);
    return last && !statement.includes("\n") ? { start: last.endIndex, end: last.endIndex, text: `; ${statement}` } : null;
  }
  const superCall = stmts.find((s) => s.type === "expression_statement" && /^super\(\s*(\w+\s*,\s*\w+\s*)?\)\.__init__\(/.test(s.text));
  if (superCall && !beforeSuper) {
    const indent = lineIndent(text, superCall.startIndex);
    return { start: superCall.endIndex, end: superCall.endIndex, text: `\n${indent}${lines(indent)}` };
  }
  const first = superCall ?? (isDocstringStatement(stmts[0]) ? stmts[1] : stmts[0]);
  if (first) {
    const indent = lineIndent(text, first.startIndex);
    const at = commentBlockStart(text, first.startIndex);
    return at === first.startIndex
      ? { start: at, end: at, text: `${lines(indent)}\n${indent}` }
      : { start: at, end: at, text: `${indent}${lines(indent)}\n` };
  }
  const last = stmts.at(-1)!;
  const indent = lineIndent(text, last.startIndex);
  return { start: last.endIndex, end: last.endIndex, text: `\n${indent}${lines(indent)}` };
}

/** A class-level declaration (`runtime: str = "crun"`, a dataclass `field(...)`, an attrs `attr.ib(...)`) after the
 *  last field or class attribute of the body, else after the docstring, else first. */
export function addField(mod: PyModule, cls: Node, declaration: string): Edit {
  const text = mod.file.text;
  const stmts = namedChildren(cls.childForFieldName("body"));
  const assignment = (s: Node) => s.type === "expression_statement" && s.namedChildren[0]?.type === "assignment";
  // Fields are annotated, or attrs' classic `x = attr.ib()`: a new one goes after the last, since attrs and dataclasses
  // take positional arguments in declaration order (`CacheConfig(True, "P30D")` must keep meaning what it did).
  const isField = (s: Node) => {
    const assign = s.namedChildren[0]!;
    const value = unparenthesized(assign.childForFieldName("right"));
    return !!assign.childForFieldName("type") || (value?.type === "call" && /(^|\.)(ib|attrib|field)$/.test(value.childForFieldName("function")?.text ?? ""));
  };
  const fields = stmts.filter((s) => assignment(s) && isField(s));
  let anchor = fields.at(-1) ?? stmts.filter(assignment).at(-1) ?? (isDocstringStatement(stmts[0]) ? stmts[0] : null);
  // A field's docstring (`x: int = 1` then `"""What x is."""`) belongs to it: the new field goes after both.
  const next = anchor ? stmts[stmts.indexOf(anchor) + 1] : undefined;
  if (anchor && anchor !== stmts[0] && isDocstringStatement(next)) anchor = next!;
  if (anchor) {
    const indent = lineIndent(text, anchor.startIndex);
    return { start: anchor.endIndex, end: anchor.endIndex, text: `\n${indent}${declaration}` };
  }
  const first = stmts[0]!;
  const indent = lineIndent(text, first.startIndex);
  // Above a method, a blank line sets the attribute apart, as PEP 8 lays out a class.
  const definition = first.type === "function_definition" || first.type === "decorated_definition";
  return { start: first.startIndex, end: first.startIndex, text: `${declaration}\n${definition ? "\n" : ""}${indent}` };
}

/** A class without __init__ (its base is outside the group) gets one that passes everything else through. In a class
 *  whose methods declare return types (checked with `mypy --strict`, perhaps), it is annotated too. */
export function addInit(mod: PyModule, cls: Node, name: string, defaultLiteral: string): Edit[] {
  const text = mod.file.text;
  const stmts = namedChildren(cls.childForFieldName("body"));
  const classIndent = lineIndent(text, cls.startIndex);
  const first = stmts[0]!;
  const indent = lineIndent(text, first.startIndex);
  const unit = indent.startsWith(classIndent) && indent.length > classIndent.length ? indent.slice(classIndent.length) : "    ";
  const afterDocstring = isDocstringStatement(first);
  const any = declaresReturnTypes(cls) ? addImport(mod, "typing", "Any") : null;
  const lines = [
    any
      ? `def __init__(self, *args: ${any.name}, ${name}: str = ${defaultLiteral}, **kwargs: ${any.name}) -> None:`
      : `def __init__(self, *args, ${name}: str = ${defaultLiteral}, **kwargs):`,
    `${unit}super().__init__(*args, **kwargs)`,
    `${unit}self.${name} = ${name}`,
  ].map((line, i) => (i === 0 ? line : indent + line));
  const init = afterDocstring
    ? { start: first.endIndex, end: first.endIndex, text: `\n\n${indent}${lines.join("\n")}` }
    : { start: first.startIndex, end: first.startIndex, text: `${lines.join("\n")}\n\n${indent}` };
  return [...(any?.edits ?? []), init];
}

function declaresReturnTypes(cls: Node): boolean {
  return namedChildren(cls.childForFieldName("body")).some((stmt) => {
    const fn = stmt.type === "decorated_definition" ? stmt.childForFieldName("definition") : stmt;
    return fn?.type === "function_definition" && fn.childForFieldName("return_type") !== null;
  });
}

export function ownerUsesField(cls: Node): boolean {
  return cls.type === "class_definition" && isDataclassLike(cls) && !findMethod(cls, "__init__");
}
