// Small questions about ts-morph nodes that several rules ask.
import { Node, SyntaxKind, type CallExpression, type NewExpression, type ObjectBindingPattern, type ObjectLiteralExpression } from "ts-morph";
import type { ListShape } from "./list-insert.js";

/** The name a call is made by: `f(...)` → "f", `a.b.f(...)` → "f". */
export function calleeName(call: CallExpression | NewExpression): string | undefined {
  const callee = call.getExpression();
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

/** Follow an identifier to the literal it was initialised with (one hop), else the node itself. */
export function followIdentifier(node: Node | undefined): Node | undefined {
  if (node && Node.isIdentifier(node)) return localInitializer(node, node.getText()) ?? node;
  return node;
}

/** The property `name` of an object literal (plain or shorthand), if present. */
export function propertyNamed(obj: ObjectLiteralExpression, name: string): Node | undefined {
  return obj.getProperties().find(
    (p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && p.getName() === name,
  );
}

/** Value of a string literal or a template without substitutions. */
export function stringValue(node: Node | undefined): string | undefined {
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
