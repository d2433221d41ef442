// Small questions about ts-morph nodes that several rules ask.
import type { CallExpression, NewExpression, ObjectBindingPattern, ObjectLiteralExpression, ParameterDeclaration, SourceFile } from "ts-morph";
import { Node, SyntaxKind } from "./ts-morph.js";
import type { ListShape } from "./list-insert.js";

/** Wrappers that do not change what an expression is: `(x)`, `x as T`, `x satisfies T`, `<T>x`, `x!`. */
function isOuterExpression(node: Node): node is Node & { getExpression(): Node } {
  return (
    Node.isParenthesizedExpression(node) ||
    Node.isAsExpression(node) ||
    Node.isSatisfiesExpression(node) ||
    Node.isTypeAssertion(node) ||
    Node.isNonNullExpression(node)
  );
}

/** The expression inside any such wrappers: `((opts as Options))!` → `opts`. */
export function skipOuter<T extends Node | undefined>(node: T): Node | T {
  let current: Node | T = node;
  while (current && isOuterExpression(current)) current = current.getExpression();
  return current;
}

/** The node that uses `node`'s value, above any wrappers around it: the declaration in `const d = (new Docker())`. */
export function outerParent(node: Node): Node | undefined {
  let current = node;
  for (let parent = current.getParent(); parent && isOuterExpression(parent); parent = current.getParent()) current = parent;
  return current.getParent();
}

/** The name a call is made by: `f(...)` → "f", `a.b.f(...)` → "f". */
export function calleeName(call: CallExpression | NewExpression): string | undefined {
  const callee = skipOuter(call.getExpression());
  if (Node.isIdentifier(callee)) return callee.getText();
  if (Node.isPropertyAccessExpression(callee)) return callee.getName();
  return undefined;
}

/** The initializer of the nearest `const/let name = ...` visible from `from` (same function or an enclosing block/file),
 *  found lexically: no type checker is needed. */
export function localInitializer(from: Node, name: string): Node | undefined {
  for (let scope = from.getParent(); scope; scope = scope.getParent()) {
    if (!Node.isBlock(scope) && !Node.isSourceFile(scope) && !Node.isModuleBlock(scope)) continue;
    for (const statement of scope.getStatements()) {
      if (!Node.isVariableStatement(statement) || statement.getStart() > from.getStart()) continue;
      for (const declaration of statement.getDeclarations()) {
        if (declaration.getName() === name) return declaration.getInitializer();
      }
    }
  }
  return undefined;
}

/** Follow an identifier to the literal it was initialised with (one hop), else the node itself; wrappers such as
 *  parentheses and `as` casts are looked through on both ends. */
export function followIdentifier(node: Node | undefined): Node | undefined {
  const inner = skipOuter(node);
  if (inner && Node.isIdentifier(inner)) return skipOuter(localInitializer(inner, inner.getText())) ?? inner;
  return inner;
}

/** The property `name` of an object literal, however its key is spelled (`name`, `"name"`, `["name"]`, a computed
 *  key holding a constant "name"), if present. */
export function propertyNamed(obj: ObjectLiteralExpression, name: string): Node | undefined {
  return obj.getProperties().find((p) => staticKey(p) === name);
}

/** Whether some property's key is computed from something we cannot read (`[key]: …`): it may be any name. */
export function hasUnknownKey(obj: ObjectLiteralExpression): boolean {
  return obj.getProperties().some((p) => staticKey(p) === null);
}

/** A property's key as a string; null for a computed key we cannot read; undefined for spreads. */
export function staticKey(property: Node): string | null | undefined {
  if (Node.isShorthandPropertyAssignment(property)) return property.getName();
  if (!Node.isPropertyAssignment(property) && !Node.isMethodDeclaration(property) && !Node.isGetAccessorDeclaration(property) && !Node.isSetAccessorDeclaration(property)) return undefined;
  const key = property.getNameNode();
  if (Node.isIdentifier(key) || Node.isPrivateIdentifier(key)) return key.getText();
  if (Node.isStringLiteral(key) || Node.isNoSubstitutionTemplateLiteral(key) || Node.isNumericLiteral(key)) return key.getLiteralText();
  if (Node.isComputedPropertyName(key)) return stringValue(followIdentifier(key.getExpression())) ?? null;
  return null;
}

/** Value of a string literal or a template without substitutions. */
export function stringValue(wrapped: Node | undefined): string | undefined {
  const node = skipOuter(wrapped);
  if (node && (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node))) return node.getLiteralValue();
  return undefined;
}

export function objectShape(obj: ObjectLiteralExpression): ListShape {
  return {
    items: obj.getProperties(),
    open: obj.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken),
    close: obj.getLastChildByKindOrThrow(SyntaxKind.CloseBraceToken),
    padEmpty: true,
  };
}

export function arrayShape(array: Node & { getElements(): Node[] }): ListShape {
  return {
    items: array.getElements(),
    open: array.getFirstChildByKindOrThrow(SyntaxKind.OpenBracketToken),
    close: array.getLastChildByKindOrThrow(SyntaxKind.CloseBracketToken),
    padEmpty: false,
  };
}

/** Argument list of a call; undefined for `new X` written without parentheses. */
export function argumentShape(call: CallExpression | NewExpression): ListShape | undefined {
  const open = call.getFirstChildByKind(SyntaxKind.OpenParenToken);
  const close = call.getLastChildByKind(SyntaxKind.CloseParenToken);
  if (!open || !close) return undefined;
  return { items: call.getArguments(), open, close, padEmpty: false };
}

/** Parameter list of a function-like node; undefined for an arrow whose single parameter has no parentheses. */
export function parameterShape(fn: Node & { getParameters(): Node[] }): ListShape | undefined {
  const open = fn.getFirstChildByKind(SyntaxKind.OpenParenToken);
  const close = fn.getFirstChildByKind(SyntaxKind.CloseParenToken);
  if (!open || !close) return undefined;
  return { items: fn.getParameters(), open, close, padEmpty: false };
}

export function bindingShape(pattern: ObjectBindingPattern): ListShape {
  return {
    items: pattern.getElements(),
    open: pattern.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken),
    close: pattern.getLastChildByKindOrThrow(SyntaxKind.CloseBraceToken),
    padEmpty: true,
  };
}

/** How the file binds `local` by an import from a module `module` matches: the name it imports (`import { x as run }
 *  from "tinyexec"` → "x"), "default" or "*"; undefined when no such import binds it. */
export function importedAs(sf: SourceFile, local: string, module: RegExp): string | undefined {
  for (const row of importTable(sf)) {
    if (!module.test(row.module)) continue;
    if (row.defaultName === local) return "default";
    if (row.namespace === local) return "*";
    const named = row.named.get(local);
    if (named !== undefined) return named;
  }
  return undefined;
}

interface ImportRow {
  module: string;
  defaultName?: string;
  namespace?: string;
  /** Local name → imported name, the first import of a local name winning. */
  named: Map<string, string>;
}

/** A file's import declarations, read once: every call in the file asks whether its callee is an import of a runner.
 *  (Edits are text, made after the facts: a file's tree never changes while it is asked.) */
const importTables = new WeakMap<SourceFile, ImportRow[]>();
function importTable(sf: SourceFile): ImportRow[] {
  let rows = importTables.get(sf);
  if (!rows) {
    rows = sf.getImportDeclarations().map((decl) => {
      const named = new Map<string, string>();
      for (const n of decl.getNamedImports()) {
        const localName = n.getAliasNode()?.getText() ?? n.getName();
        if (!named.has(localName)) named.set(localName, n.getName());
      }
      return { module: decl.getModuleSpecifierValue(), defaultName: decl.getDefaultImport()?.getText(), namespace: decl.getNamespaceImport()?.getText(), named };
    });
    importTables.set(sf, rows);
  }
  return rows;
}

/** Whether a caller may leave the existing parameter unset: optional, defaulting to nothing, typed as possibly
 *  undefined, or (JS) without a default at all. */
export function unsetByDefault(param: ParameterDeclaration, typed: boolean): boolean {
  const initializer = param.getInitializer()?.getText();
  if (initializer !== undefined) return initializer === "undefined" || initializer === "null";
  return param.hasQuestionToken() || !typed || /\b(?:undefined|null)\b/.test(param.getTypeNode()?.getText() ?? "");
}
