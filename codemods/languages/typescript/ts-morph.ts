// ts-morph through require: an ESM `import` of this CommonJS package first makes Node lex its source for named exports
// (0.2–0.3 s on every run that reads TypeScript); require skips that. Every file of the frontend takes ts-morph's values
// from here and its types from "ts-morph" itself (type imports cost nothing at run time).
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof TsMorph;

export const Node = tsMorph.Node;
export type Node = TsMorph.Node;
export const SyntaxKind = tsMorph.SyntaxKind;
export type SyntaxKind = TsMorph.SyntaxKind;
export const Project = tsMorph.Project;
export type Project = TsMorph.Project;
export const ts = tsMorph.ts;
// The compiler types the frontend names (`ts.Node`, ...); ts-morph re-exports TypeScript's own namespace.
export declare namespace ts {
  export type Node = TsMorph.ts.Node;
  export type SourceFile = TsMorph.ts.SourceFile;
  export type Diagnostic = TsMorph.ts.Diagnostic;
  export type SyntaxKind = TsMorph.ts.SyntaxKind;
  export type JsxEmit = TsMorph.ts.JsxEmit;
  export type CallExpression = TsMorph.ts.CallExpression;
}

/** `node.getDescendantsOfKind(kind)` for a kind of the parse tree (an expression, a statement), in the same order.
 *  ts-morph walks descendants through nested generators, which costs the tree's depth per node: on a repository of
 *  970 TypeScript files (dokploy) that walk and its garbage were most of `check`. Token kinds (string literals,
 *  keywords) keep ts-morph's walk, which also visits JSDoc. */
export function descendantsOfKind<K extends SyntaxKind>(node: Node, kind: K): TsMorph.KindToNodeMappings[K][] {
  if (kind < SyntaxKind.FirstNode || kind >= SyntaxKind.FirstJSDocNode) return node.getDescendantsOfKind(kind);
  return compilerDescendants(node, [kind]) as TsMorph.KindToNodeMappings[K][];
}

/** Descendants of `kinds` (literal kinds too) whose text passes `keep`: a file's thousands of string literals are
 *  tested as compiler nodes, and only the few that pass are wrapped. The compiler's walk leaves out JSDoc, where no
 *  command runs. */
export function descendantsWhere(node: Node, kinds: readonly SyntaxKind[], keep: (text: string) => boolean): Node[] {
  return compilerDescendants(node, kinds, keep);
}

/** The compiler's own walk, grouped by kind in the order given and each group in document order; only the matches are
 *  wrapped, through the project's wrapper cache (so a match is the object any other route reaches). */
function compilerDescendants(node: Node, kinds: readonly SyntaxKind[], keep?: (text: string) => boolean): Node[] {
  const sf = node.getSourceFile().compilerNode;
  const groups = new Map<SyntaxKind, TsMorph.ts.Node[]>(kinds.map((kind) => [kind, []]));
  const visit = (child: TsMorph.ts.Node): undefined => {
    const group = groups.get(child.kind as number as SyntaxKind);
    if (group && (!keep || keep(sf.text.slice(child.getStart(sf), child.end)))) group.push(child);
    child.forEachChild(visit);
    return undefined;
  };
  node.compilerNode.forEachChild(visit);
  const wrap = (node as unknown as { _getNodeFromCompilerNode(n: TsMorph.ts.Node): Node })._getNodeFromCompilerNode.bind(node);
  return [...groups.values()].flat().map(wrap);
}

/** A file's call expressions as the compiler's nodes, in document order, and how to wrap one (through the wrapper
 *  cache): a finder that turns a call away by its callee's name does so before any wrapper is made (renovate's
 *  2,600 files hold 200,000 calls, a handful of them containers). */
export function compilerCalls(sf: TsMorph.SourceFile): { calls: TsMorph.ts.CallExpression[]; wrap(call: TsMorph.ts.CallExpression): TsMorph.CallExpression } {
  const calls: TsMorph.ts.CallExpression[] = [];
  const visit = (child: TsMorph.ts.Node): undefined => {
    if (child.kind === ts.SyntaxKind.CallExpression) calls.push(child as TsMorph.ts.CallExpression);
    child.forEachChild(visit);
    return undefined;
  };
  sf.compilerNode.forEachChild(visit);
  const wrap = (sf as unknown as { _getNodeFromCompilerNode(n: TsMorph.ts.Node): TsMorph.CallExpression })._getNodeFromCompilerNode.bind(sf);
  return { calls, wrap };
}

/** The callee's last name past parentheses, type assertions and `!` (`spawn` in `(cp.spawn as F)(...)`), as
 *  `skipOuter` and `calleeName` read it, but from the compiler's node. */
export function rawCalleeName(call: TsMorph.ts.CallExpression): string | undefined {
  let callee: TsMorph.ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isAsExpression(callee) || ts.isSatisfiesExpression(callee) || ts.isTypeAssertionExpression(callee) || ts.isNonNullExpression(callee)) {
    callee = callee.expression;
  }
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}
