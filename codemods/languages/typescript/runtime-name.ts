// Does `runtime` already mean something else in a unit (a language runtime: "node18", "python3.11", "node" | "deno")?
// The evidence, read from ts-morph syntax; the shared planner (codemods/plan/naming.ts) picks the name.
import type { ClassDeclaration, ConstructorDeclaration, MethodDeclaration, ParameterDeclaration, TypeNode } from "ts-morph";
import { Node, SyntaxKind, descendantsOfKind } from "./ts-morph.js";
import type { NameStatus } from "../../model/frontend.js";
import { isOciRuntimeName } from "../../plan/naming.js";
import { outerParent, skipOuter, stringValue } from "./syntax-helpers.js";
import type { OptionsType } from "./type-members.js";
import type { FunctionUnitNode, Unit } from "./units.js";


/** What one declaration of the name says about its meaning. */
type Evidence = "ours" | "taken" | "none";

export interface NameContext {
  /** The object type an annotation names (this file or another file of the group). */
  lookupType: (typeNode: TypeNode | undefined) => OptionsType | undefined;
}

/** Free (nothing in the unit is called `name`), ours (it holds the OCI runtime), taken (it means something else), or
 *  unclear (declared without a default or a telling type: the planner decides from how the code uses it). */
export function nameStatus(unit: Unit, name: string, lookupType: NameContext["lookupType"]): NameStatus {
  const ctx: NameContext = { lookupType };
  const found =
    unit.kind === "class"
      ? classDeclarations(unit.node as ClassDeclaration, name, ctx)
      : functionDeclarations(unit.node as FunctionUnitNode, name, ctx);
  if (found === "blocked") return "taken";
  if (found.length === 0) return "free";
  const evidence = combine(found);
  return evidence === "none" ? "unclear" : evidence;
}

// ---- where a name is declared, and what each declaration says ------------------------------------------------------

/** Evidence per declaration; "blocked" when a local variable of that name would collide with a new parameter. */
function classDeclarations(cls: ClassDeclaration, name: string, ctx: NameContext): Evidence[] | "blocked" {
  const ctor = cls.getConstructors().find((c) => c.hasBody());
  // Not in the class's text: only an options type declared elsewhere can hold the name (walking the tree costs).
  if (!cls.getText().includes(name)) return ctor ? parameterDeclarations(ctor.getParameters(), name, ctx) : [];
  const ctorBody = ctor?.getBody();
  if (ctorBody && declaresLocally(ctorBody, name)) return "blocked";
  const found: Evidence[] = ctor ? parameterDeclarations(ctor.getParameters(), name, ctx) : [];
  for (const member of cls.getMembers()) {
    const memberName = "getName" in member ? (member as { getName(): string }).getName() : undefined;
    // `#runtime` (a Lambda runtime, say) beside a new `this.runtime`: two runtimes under one name, for a reader.
    if (memberName === `#${name}`) found.push("taken");
    // A method that names something else `runtime` locally would read both side by side.
    if (Node.isMethodDeclaration(member) && member.getBody() && declaresLocally(member.getBody()!, name)) found.push("taken");
    // `create(opts) { … opts.runtime ?? "node" … }`: the method's own options call something else `runtime`, and a new
    // `this.opts.runtime` would sit beside it. Only that counts: a read with an OCI default is the method's business.
    if (Node.isMethodDeclaration(member) && member.getBody() && parameterReads(member, name).includes("taken")) found.push("taken");
    if (memberName !== name) continue;
    if (Node.isPropertyDeclaration(member)) found.push(combine([defaultEvidence(member.getInitializer()), typeEvidence(member.getTypeNode())]));
    else if (Node.isGetAccessorDeclaration(member)) found.push(typeEvidence(member.getReturnTypeNode()));
    else found.push("taken"); // a method called `runtime`
  }
  // `this.runtime = …` in the constructor, and `this.runtime ?? "crun"` anywhere.
  for (const access of descendantsOfKind(cls, SyntaxKind.PropertyAccessExpression)) {
    if (access.getName() !== name || !Node.isThisExpression(access.getExpression())) continue;
    const parent = outerParent(access);
    if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken && skipOuter(parent.getLeft()) === access) {
      found.push(assignedEvidence(parent.getRight(), ctor));
    } else {
      found.push(fallbackEvidence(access));
    }
  }
  return found;
}

function functionDeclarations(fn: FunctionUnitNode, name: string, ctx: NameContext): Evidence[] | "blocked" {
  if (!fn.getText().includes(name)) return parameterDeclarations(fn.getParameters(), name, ctx);
  const body = fn.getBody();
  if (body && declaresLocally(body, name)) return "blocked";
  return [...parameterDeclarations(fn.getParameters(), name, ctx), ...parameterReads(fn, name)];
}

/** `options.runtime` read from a parameter (JS options objects have no type to look at), by what its fallback says. */
function parameterReads(fn: FunctionUnitNode | MethodDeclaration, name: string): Evidence[] {
  const paramNames = new Set(fn.getParameters().map((p) => p.getNameNode()).filter(Node.isIdentifier).map((n) => n.getText()));
  const found: Evidence[] = [];
  for (const access of descendantsOfKind(fn, SyntaxKind.PropertyAccessExpression)) {
    const object = skipOuter(access.getExpression());
    if (access.getName() === name && Node.isIdentifier(object) && paramNames.has(object.getText())) found.push(fallbackEvidence(access));
  }
  return found;
}

/** A parameter called `name`, a destructured option `{ name = … }`, or a member `name` of the parameter's options type. */
function parameterDeclarations(params: ParameterDeclaration[], name: string, ctx: NameContext): Evidence[] {
  const found: Evidence[] = [];
  for (const param of params) {
    const pattern = param.getNameNode();
    const holder = ctx.lookupType(param.getTypeNode())?.holder;
    const member = holder?.getMembers().find((m) => Node.isPropertySignature(m) && m.getName() === name);
    const memberEvidence = member && Node.isPropertySignature(member) ? typeEvidence(member.getTypeNode()) : undefined;
    if (Node.isIdentifier(pattern)) {
      if (pattern.getText() === name) found.push(combine([defaultEvidence(param.getInitializer()), typeEvidence(param.getTypeNode())]));
      else if (memberEvidence) found.push(memberEvidence);
    } else if (Node.isObjectBindingPattern(pattern)) {
      for (const element of pattern.getElements()) {
        if (element.getName() !== name) continue;
        found.push(combine([defaultEvidence(element.getInitializer()), memberEvidence ?? "none"]));
      }
    }
  }
  return found;
}

/** A variable, function or nested parameter of that name inside the body: a parameter of the same name would clash. */
function declaresLocally(body: Node, name: string): boolean {
  const kinds = [SyntaxKind.VariableDeclaration, SyntaxKind.BindingElement, SyntaxKind.Parameter, SyntaxKind.FunctionDeclaration];
  return kinds.some((kind) =>
    descendantsOfKind(body, kind).some((d) => {
      const nameNode = (d as Node & { getNameNode(): Node | undefined }).getNameNode();
      return Node.isIdentifier(nameNode) && nameNode.getText() === name;
    }),
  );
}

/** `this.runtime = runtime` takes the parameter's meaning; `this.runtime = "node18"` the literal's. */
function assignedEvidence(value: Node, ctor: ConstructorDeclaration | undefined): Evidence {
  const inner = skipOuter(value);
  const param = Node.isIdentifier(inner) ? ctor?.getParameters().find((p) => p.getName() === inner.getText()) : undefined;
  if (param) return combine([defaultEvidence(param.getInitializer()), typeEvidence(param.getTypeNode())]);
  return defaultEvidence(value);
}

/** `x.runtime ?? "crun"` says what the name holds through its fallback. */
function fallbackEvidence(access: Node): Evidence {
  const parent = outerParent(access);
  if (!Node.isBinaryExpression(parent) || skipOuter(parent.getLeft()) !== access) return "none";
  const operator = parent.getOperatorToken().getKind();
  return operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.BarBarToken ? defaultEvidence(parent.getRight()) : "none";
}

/** A default value: an OCI runtime name is ours, any other string literal is something else. */
function defaultEvidence(value: Node | undefined): Evidence {
  const inner = skipOuter(value);
  if (!inner) return "none";
  const literal = stringValue(inner);
  if (literal !== undefined) return isOciRuntimeName(literal) ? "ours" : "taken";
  if (Node.isBinaryExpression(inner)) {
    const operator = inner.getOperatorToken().getKind();
    if (operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.BarBarToken) return defaultEvidence(inner.getRight());
  }
  if (Node.isConditionalExpression(inner)) {
    const branches = [defaultEvidence(inner.getWhenTrue()), defaultEvidence(inner.getWhenFalse())];
    return branches.includes("ours") ? "ours" : branches.every((b) => b === "taken") ? "taken" : "none";
  }
  return "none";
}

/** A type naming OciRuntime, or string literals that include an OCI runtime, is ours; other string literals are not. */
function typeEvidence(typeNode: TypeNode | undefined): Evidence {
  if (!typeNode) return "none";
  const nodes = [typeNode, ...typeNode.getDescendants()];
  if (nodes.some((n) => Node.isTypeReference(n) && n.getTypeName().getText().endsWith("OciRuntime"))) return "ours";
  const literals = nodes.filter(Node.isLiteralTypeNode).map((n) => stringValue(n.getLiteral())).filter((v) => v !== undefined);
  if (literals.length === 0) return "none";
  return literals.some((v) => isOciRuntimeName(v)) ? "ours" : "taken";
}

/** Something else wins over ours (a language runtime may also be passed around); no evidence says nothing. */
function combine(evidence: Evidence[]): Evidence {
  if (evidence.includes("taken")) return "taken";
  if (evidence.includes("ours")) return "ours";
  return "none";
}
