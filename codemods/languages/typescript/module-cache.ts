// A function that keeps what it builds in a variable of the module (`let client; … if (!client) client = init(runtime)`,
// `client ??= new Client(runtime)`) hands every later caller the first caller's object: a runtime parameter there
// would be honoured once and then silently ignored. The TS twin of the Python rule (python/global-cache.ts): the
// runtime is not threaded through such a call; a human chooses it where the cache is filled.
import type { Node as TsNode } from "ts-morph";
import { Node, SyntaxKind } from "./ts-morph.js";

const ASSIGNING = new Set([SyntaxKind.EqualsToken, SyntaxKind.QuestionQuestionEqualsToken, SyntaxKind.BarBarEqualsToken]);

/** `the module variable \`client\`` when `call`'s value is stored in a variable declared at the top of its file from
 *  inside a function, else null. */
export function moduleCacheOf(call: TsNode): string | null {
  let assignment: TsNode | undefined;
  for (let cur = call.getParent(); cur && !Node.isStatement(cur) && !Node.isFunctionLikeDeclaration(cur); cur = cur.getParent()) {
    if (Node.isBinaryExpression(cur) && ASSIGNING.has(cur.getOperatorToken().getKind())) {
      assignment = cur;
      break;
    }
  }
  if (!assignment || !Node.isBinaryExpression(assignment)) return null;
  const target = assignment.getLeft();
  if (!Node.isIdentifier(target)) return null;
  const fn = call.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a));
  if (!fn) return null;
  const name = target.getText();
  const declaredAtTop = call
    .getSourceFile()
    .getVariableStatements()
    .some((statement) => statement.getDeclarations().some((d) => d.getName() === name));
  // A local or parameter of that name in between shadows the module's.
  const shadowed = call.getAncestors().some((a) => {
    if (Node.isSourceFile(a)) return false;
    if (Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a)) {
      if (a.getParameters().some((p) => p.getName() === name)) return true;
    }
    return (Node.isBlock(a) || Node.isModuleBlock(a)) && a.getVariableStatements().some((s) => s.getDeclarations().some((d) => d.getName() === name));
  });
  return declaredAtTop && !shadowed ? `the module variable \`${name}\`` : null;
}
