// Units are the top-level classes and functions of a file: the places a runtime parameter can live. A site belongs to the
// unit that lexically contains it; `this` inside a class only counts when it still means the instance.
import type { ArrowFunction, ClassDeclaration, FunctionDeclaration, FunctionExpression, SourceFile } from "ts-morph";
import { Node, ts } from "./ts-morph.js";
import { skipOuter } from "./syntax-helpers.js";

export type FunctionUnitNode = FunctionDeclaration | ArrowFunction | FunctionExpression;

export interface Unit {
  kind: "class" | "function";
  node: ClassDeclaration | FunctionUnitNode;
  /** Local name in its file ("default" for an anonymous default export). */
  name: string;
  /** Where findings about the unit point. */
  nameNode: Node;
  fileIndex: number;
  isLoadEnvironment: boolean;
}

export function collectUnits(sf: SourceFile, fileIndex: number): Unit[] {
  const units: Unit[] = [];
  const add = (kind: Unit["kind"], node: Unit["node"], name: string, nameNode: Node) =>
    units.push({ kind, node, name, nameNode, fileIndex, isLoadEnvironment: name === "loadEnvironment" });
  for (const statement of sf.getStatements()) {
    if (Node.isClassDeclaration(statement)) {
      add("class", statement, statement.getName() ?? "default", statement.getNameNode() ?? statement);
    } else if (Node.isFunctionDeclaration(statement) && statement.hasBody()) {
      add("function", statement, statement.getName() ?? "default", statement.getNameNode() ?? statement);
    } else if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const init = skipOuter(declaration.getInitializer());
        if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) {
          add("function", init, declaration.getName(), declaration.getNameNode());
        }
      }
    } else if (Node.isExpressionStatement(statement)) {
      // CommonJS: `module.exports = function runSync(options) {…}`, `exports.run = (options) => {…}`: a package's API,
      // whose callers can be handed the runtime like any function's.
      const assignment = skipOuter(statement.getExpression());
      if (!Node.isBinaryExpression(assignment) || assignment.getOperatorToken().getText() !== "=") continue;
      const target = assignment.getLeft().getText();
      const init = skipOuter(assignment.getRight());
      const exported = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target)?.[1] ?? (target === "module.exports" ? "default" : undefined);
      if (!exported || !(Node.isArrowFunction(init) || Node.isFunctionExpression(init))) continue;
      const ownName = Node.isFunctionExpression(init) ? init.getNameNode() : undefined;
      add("function", init, exported === "default" ? ownName?.getText() ?? "default" : exported, ownName ?? assignment.getLeft());
    }
  }
  return units;
}

export interface Enclosing {
  unit: Unit;
  /** False inside a class when `this` no longer means the instance (nested `function`, static member, field initializer). */
  thisOk: boolean;
  /** Why not, when the innermost reason is a static member: there `this` is the class itself. */
  inStatic?: boolean;
}

/** The unit whose body contains `node`. `units` is keyed by compiler node. */
export function enclosingUnit(node: Node, units: ReadonlyMap<ts.Node, Unit>): Enclosing | undefined {
  let thisOk = true;
  let inMember = false;
  // Whether the first thing that took `this` away (walking out from the node) was a static member.
  let inStatic: boolean | undefined;
  const lose = (isStatic: boolean) => {
    thisOk = false;
    inStatic ??= isStatic;
  };
  let child: Node = node;
  for (let current = node.getParent(); current; child = current, current = current.getParent()) {
    const unit = units.get(current.compilerNode);
    if (unit) return { unit, thisOk: unit.kind === "function" || (thisOk && inMember), ...(unit.kind === "class" && inStatic ? { inStatic } : {}) };
    if (Node.isPropertyDeclaration(current)) {
      // An arrow-function field runs later, on the instance; any other field initializer runs during construction.
      if (Node.isArrowFunction(child) && !current.isStatic()) inMember = true;
      else lose(current.isStatic());
    } else if (Node.isFunctionDeclaration(current) || Node.isFunctionExpression(current)) {
      lose(false);
    } else if (
      Node.isMethodDeclaration(current) ||
      Node.isConstructorDeclaration(current) ||
      Node.isGetAccessorDeclaration(current) ||
      Node.isSetAccessorDeclaration(current)
    ) {
      if (Node.isObjectLiteralExpression(current.getParent())) lose(false);
      else if (!Node.isConstructorDeclaration(current) && current.isStatic()) lose(true);
      inMember = true;
    }
  }
  return undefined;
}
