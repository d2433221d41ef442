// A function takes the runtime as an option where it already takes options (destructured with a default, or read
// as `opts.runtime ?? "crun"`), never as a positional parameter after an options object; else as a parameter.
import type { ParameterDeclaration } from "ts-morph";
import { Node, SyntaxKind, descendantsOfKind } from "./ts-morph.js";
import type { RuntimeRef } from "../../model/frontend.js";
import type { Edit } from "../../model/types.js";
import { jsDocParamEdits } from "./jsdoc-param.js";
import { addBindingElement, appendItem, insertAt } from "./list-insert.js";
import { bare, defaultLiteral, optionMember, optionRef, optionsMayBeAbsent, type OwnerPlan, type PlanContext } from "./owner-params.js";
import { externalOptionsType, intersect, optionsTypeOf } from "./options-param.js";
import { functionOverloads, overloadEdits, parameterSlot } from "./signature.js";
import { bindingShape, parameterShape, skipOuter, unsetByDefault } from "./syntax-helpers.js";
import { hasMember, holderName } from "./type-members.js";
import type { FunctionUnitNode } from "./units.js";

export function planFunction(fn: FunctionUnitNode, isLoadEnvironment: boolean, ctx: PlanContext): OwnerPlan {
  const existing = existingOption(fn, ctx);
  if (existing) return existing;
  const { text, style, paramName: name } = ctx;
  const params = fn.getParameters();
  const defaultValue = defaultLiteral(ctx);
  const base = { name, exists: false };

  for (const [index, param] of params.entries()) {
    const option = planOption(param, index, ctx);
    if (option) return option;
  }

  const shape = parameterShape(fn);
  if (params.length === 0 && isLoadEnvironment && shape) {
    const item = style.typed ? `{ ${name} = ${defaultValue} }: { ${name}?: OciRuntime } = {}` : `{ ${name} = ${defaultValue} } = {}`;
    return { ...base, edits: [appendItem(text, shape, item)], what: `option \`${name}\` (default ${defaultValue})`, access: bare(name), pass: { kind: "option", index: 0, key: name } };
  }
  const what = `${ctx.unitName}()`;
  const item = style.typed ? `${name}: OciRuntime = ${defaultValue}` : `${name} = ${defaultValue}`;
  if (!shape && params.length === 1) {
    // `x => …`: the single parameter needs parentheses now.
    const edits = [insertAt(params[0]!.getStart(), "("), insertAt(params[0]!.getEnd(), `, ${item})`)];
    return { ...base, edits, what: `parameter \`${item}\``, access: bare(name), pass: { kind: "positional", index: 1 } };
  }
  const slot = parameterSlot(fn, text, ctx.maxArgs, what, isLoadEnvironment);
  if ("reason" in slot) return { ...base, edits: [], what: "", reason: slot.reason, pass: { kind: "none" } };
  const overloads = overloadEdits(functionOverloads(fn), slot.index, `${name}${style.typed ? "?: OciRuntime" : ""}`, text, what);
  if ("reason" in overloads) return { ...base, edits: [], what: "", reason: overloads.reason, pass: { kind: "none" } };
  const documented = jsDocParamEdits(fn, text, name, defaultValue, style.typed);
  return { ...base, edits: [slot.insert(item), ...overloads, ...documented], what: `parameter \`${item}\``, access: bare(name), pass: { kind: "positional", index: slot.index } };
}

/** Already there: a positional parameter, a destructured option, or a member of the options type. */
function existingOption(fn: FunctionUnitNode, ctx: PlanContext): OwnerPlan | undefined {
  const name = ctx.paramName;
  const found = { name, exists: true, edits: [], what: "" };
  const params = fn.getParameters();
  const positional = params.findIndex((p) => p.getName() === name);
  if (positional >= 0) {
    const mayBeUnset = unsetByDefault(params[positional]!, ctx.style.typed);
    return { ...found, access: bare(name), pass: { kind: "positional", index: positional }, ...(mayBeUnset ? { mayBeUnset } : {}) };
  }
  for (const [index, param] of params.entries()) {
    const pattern = param.getNameNode();
    if (Node.isObjectBindingPattern(pattern) && pattern.getElements().some((e) => e.getName() === name)) {
      return { ...found, access: bare(name), pass: { kind: "option", index, key: name } };
    }
    const options = optionsTypeOf(param, ctx);
    const untyped = !param.getTypeNode() && Node.isObjectLiteralExpression(skipOuter(param.getInitializer()) ?? param);
    if (Node.isIdentifier(pattern) && ((options && hasMember(options.holder, name)) || (untyped && readsOption(fn, pattern.getText(), name)))) {
      const required = !!options?.required;
      return { ...found, access: optionRef(pattern.getText(), ctx, required, optionsMayBeAbsent(param, ctx.style.typed)), pass: { kind: "option", index, key: name, ...(required ? { required } : {}) } };
    }
  }
  return undefined;
}

/** The parameter as an options object that gains the runtime: destructured with a default, or read with `??`. */
function planOption(param: ParameterDeclaration, index: number, ctx: PlanContext): OwnerPlan | undefined {
  const { text, paramName: name } = ctx;
  const pattern = param.getNameNode();
  const options = optionsTypeOf(param, ctx);
  const init = skipOuter(param.getInitializer());
  const objectDefault = !!init && Node.isObjectLiteralExpression(init);
  let typeEdits: Edit[] = [];
  let member: OwnerPlan["member"];
  let memberText = `${name}?: ${ctx.style.typed ? "OciRuntime" : "string"}`;
  if (options) {
    const added = optionMember(options, ctx);
    typeEdits = added.edits;
    member = added.member;
    memberText = added.text;
  } else if (param.getTypeNode()) {
    // A type from outside the package (or one we cannot extend): widen it here, only where it is clearly options. A
    // destructured object is options whatever its type is called (`{ quiet }: UnpackArgv<...>`).
    const external = ctx.style.typed ? (externalOptionsType(param) ?? (Node.isObjectBindingPattern(pattern) ? param.getTypeNode() : undefined)) : undefined;
    if (!external) return undefined;
    typeEdits = intersect(external, memberText);
  } else if (!Node.isObjectBindingPattern(pattern) && !objectDefault) {
    return undefined;
  }
  const required = !!options?.required;
  const pass = { kind: "option", index, key: name, ...(required ? { required } : {}) } as const;
  const where = options ? ` in ${holderName(options.holder)}` : "";
  const extra = member ? { member } : {};
  if (Node.isObjectBindingPattern(pattern)) {
    const element = `${name} = ${defaultLiteral(ctx)}`;
    return { name, exists: false, edits: [addBindingElement(text, bindingShape(pattern), element), ...typeEdits], ...extra, what: `option \`${element}\`${where}`, access: bare(name), pass };
  }
  if (!Node.isIdentifier(pattern)) return undefined;
  const access: RuntimeRef = optionRef(pattern.getText(), ctx, required, optionsMayBeAbsent(param, ctx.style.typed));
  return { name, exists: false, edits: typeEdits, ...extra, what: `option \`${memberText}\`${where}, read as \`${access.expr}\``, access, pass };
}

/** An untyped options object whose `name` option the function already reads (`options.runtime ?? "crun"`). */
function readsOption(fn: FunctionUnitNode, param: string, name: string): boolean {
  return descendantsOfKind(fn, SyntaxKind.PropertyAccessExpression).some((access) => {
    const object = skipOuter(access.getExpression());
    return access.getName() === name && Node.isIdentifier(object) && object.getText() === param;
  });
}
