// Give a unit (class or function) its runtime parameter in the style it already uses, or find the one it already has.
// The plan also says how code inside the unit reads the runtime and how callers pass it. Classes: class-plan.ts;
// functions: function-plan.ts; what both share (options types, rest parameters, overloads) is here and in signature.ts.
import type { ParameterDeclaration, TypeNode } from "ts-morph";
import type { RuntimeRef } from "../../model/frontend.js";
import type { Edit } from "../../model/types.js";
import { Node, SyntaxKind } from "./ts-morph.js";
import { planClass } from "./class-plan.js";
import { quoted, type FileStyle } from "./file-style.js";
import { planFunction } from "./function-plan.js";
import { addMember, type OptionsType } from "./type-members.js";
import { unsetByDefault } from "./syntax-helpers.js";
import type { ClassDeclaration } from "ts-morph";
import type { FunctionUnitNode, Unit } from "./units.js";

export type PassStyle =
  | { kind: "positional"; index: number }
  /** An options object; `required` when the callee reads it as `Required<…>` (callers must give the runtime). */
  | { kind: "option"; index: number; key: string; required?: boolean }
  /** The unit has the runtime but callers cannot set it (e.g. a field with an initializer). */
  | { kind: "none" };

export interface OwnerPlan {
  name: string;
  exists: boolean;
  /** Edits that add the parameter (empty when it exists). */
  edits: Edit[];
  /** What the edits add, for the finding's message. */
  what: string;
  /** How code in the unit reads the runtime; undefined when it cannot (a human must wire it). */
  access?: RuntimeRef;
  /** The smaller edits to use when only the constructor reads the runtime (no field to keep it in). */
  ctorOnlyEdits?: Edit[];
  ctorOnlyWhat?: string;
  /** How the constructor itself reads it (its parameter: fields may not be assigned yet). */
  ctorAccess?: RuntimeRef;
  reason?: string;
  /** An existing parameter callers may leave out (`runtime?: string`, `runtime = undefined`, a JS parameter without a
   *  default): only sites that accept an unset runtime read it as it is. */
  mayBeUnset?: boolean;
  pass: PassStyle;
  /** A member to add to an options type declared in another file: added once, for every owner that reads it. */
  member?: { type: OptionsType; text: string };
}

export interface PlanContext {
  text: string;
  style: FileStyle;
  runtimeDefault: string;
  paramName: string;
  /** The unit's name, for reasons. */
  unitName: string;
  /** The options type an annotation names, in this file or imported from another file of the group. */
  lookupType: (typeNode: TypeNode | undefined) => OptionsType | undefined;
  /** The most arguments a call of the group passes to the unit (Infinity when one spreads its arguments). */
  maxArgs: number;
  /** A class of the group extends this class: the field it keeps the runtime in must be visible to them. */
  hasSubclasses: boolean;
  /** The class extends a class of the group, whose top-most class keeps the runtime: it only hands it to super. */
  derived: boolean;
}

export function planOwner(unit: Unit, ctx: PlanContext): OwnerPlan {
  return unit.kind === "class"
    ? planClass(unit.node as ClassDeclaration, ctx)
    : planFunction(unit.node as FunctionUnitNode, unit.isLoadEnvironment, ctx);
}

/** A new optional member of an options type: an edit when the type is in this file, else none here (the program
 *  adds it once where the type is declared, see shared-members.ts). */
export function optionMember(type: OptionsType, ctx: PlanContext): { text: string; edits: Edit[]; member: NonNullable<OwnerPlan["member"]> } {
  const text = `${ctx.paramName}?: ${ctx.style.typed ? "OciRuntime" : "string"}`;
  const edits = type.local ? [addMember(ctx.text, type.holder, text, ctx.style.indent)] : [];
  return { text, edits, member: { type, text } };
}

/** `opts.runtime ?? "crun"`, or `opts.runtime` where the type says every caller gives it; `opts?.runtime ?? "crun"`
 *  where a caller may leave the options out (`options?: WorkerOptions`, read before any `options || {}`). */
export function optionRef(object: string, ctx: PlanContext, required: boolean, mayBeAbsent = false): RuntimeRef {
  const read = `${object}${mayBeAbsent ? "?." : "."}${ctx.paramName}`;
  return required && !mayBeAbsent ? { expr: read, atomic: true } : { expr: `${read} ?? ${defaultLiteral(ctx)}`, atomic: false };
}

/** Whether a caller may leave the options parameter itself out: declared so (`options?: T`, `= undefined`, a type
 *  with undefined), or untyped and guarded by the function itself (`options || {}`, `options?.x`, `!options`). */
export function optionsMayBeAbsent(param: ParameterDeclaration, typed: boolean): boolean {
  if (typed || param.getTypeNode()) return unsetByDefault(param, true);
  if (param.getInitializer()) return unsetByDefault(param, false);
  const name = param.getName();
  const fn = param.getParent();
  return fn.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => {
    if (id.getText() !== name) return false;
    const parent = id.getParent();
    if (Node.isBinaryExpression(parent)) return parent.getLeft() === id && ["||", "??"].includes(parent.getOperatorToken().getText());
    if (Node.isPrefixUnaryExpression(parent)) return parent.getOperatorToken() === SyntaxKind.ExclamationToken;
    return Node.isPropertyAccessExpression(parent) && parent.getExpression() === id && parent.hasQuestionDotToken();
  });
}

export function defaultLiteral(ctx: PlanContext): string {
  return quoted(ctx.style, ctx.runtimeDefault);
}

export function bare(name: string): RuntimeRef {
  return { expr: name, atomic: true };
}

export function thisRef(name: string): RuntimeRef {
  return { expr: `this.${name}`, atomic: true };
}

