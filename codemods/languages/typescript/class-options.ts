// A constructor that takes an options object takes the runtime as one more option: destructured with a default,
// or read as `opts.runtime ?? "crun"`, and kept on the instance (`this.runtime`) unless the options already are.
import type { ConstructorDeclaration, ParameterDeclaration } from "ts-morph";
import { Node } from "./ts-morph.js";
import type { RuntimeRef } from "../../model/frontend.js";
import type { Edit } from "../../model/types.js";
import { addBindingElement } from "./list-insert.js";
import { externalOptionsType, intersect, optionsTypeOf, untypedOptions } from "./options-param.js";
import { bare, defaultLiteral, optionMember, optionRef, optionsMayBeAbsent, thisRef, type OwnerPlan, type PlanContext } from "./owner-params.js";
import { bindingShape } from "./syntax-helpers.js";
import { holderName } from "./type-members.js";

/** How the constructor keeps things: `this.x = …` after its last assignment, and a field declaration (TS). */
export interface Keeping {
  assign(statement: string): Edit;
  declareField(declaration: string): Edit;
  /** `this.opts` when the parameter is kept whole on the instance. */
  storedAs(param: ParameterDeclaration): string | undefined;
}

export function planClassOption(ctor: ConstructorDeclaration, keeping: Keeping, ctx: PlanContext): OwnerPlan | undefined {
  for (const [index, param] of ctor.getParameters().entries()) {
    if (param.isRestParameter()) continue;
    const plan = planParam(ctor, param, index, keeping, ctx);
    if (plan) return plan;
  }
  return undefined;
}

function planParam(ctor: ConstructorDeclaration, param: ParameterDeclaration, index: number, keeping: Keeping, ctx: PlanContext): OwnerPlan | undefined {
  const { paramName: name, style } = ctx;
  const pattern = param.getNameNode();
  const typed = optionsTypeOf(param, ctx);
  const memberText = `${name}?: ${style.typed ? "OciRuntime" : "string"}`;
  let typeEdits: Edit[] = [];
  let member: OwnerPlan["member"];
  if (typed) ({ edits: typeEdits, member } = optionMember(typed, ctx));
  else {
    const external = style.typed ? externalOptionsType(param) : undefined;
    if (external) typeEdits = intersect(external, memberText);
    else if (!Node.isObjectBindingPattern(pattern) && !(untypedOptions(param) && readsPropertiesOf(ctor, param.getName()))) return undefined;
  }
  const required = !!typed?.required;
  const pass = { kind: "option", index, key: name, ...(required ? { required } : {}) } as const;
  const base = { name, exists: false, pass, ...(member ? { member } : {}) };
  const where = typed ? ` in ${holderName(typed.holder)}` : "";
  const keep = (value: string): Edit[] => {
    if (ctx.derived) return []; // the top-most class keeps it
    const edits = [keeping.assign(`this.${name} = ${value}${style.semi}`)];
    if (style.typed) edits.push(keeping.declareField(`${ctx.hasSubclasses ? "protected" : "private"} readonly ${name}: OciRuntime${style.semi}`));
    return edits;
  };

  if (Node.isObjectBindingPattern(pattern)) {
    const element = `${name} = ${defaultLiteral(ctx)}`;
    const declare = [addBindingElement(ctx.text, bindingShape(pattern), element), ...typeEdits];
    return { ...base, edits: [...declare, ...keep(name)], ctorOnlyEdits: declare, ctorOnlyWhat: `option \`${element}\`${where}`, what: `option \`${element}\`${where}, kept in \`this.${name}\``, access: thisRef(name), ctorAccess: bare(name) };
  }
  if (!Node.isIdentifier(pattern)) return undefined;
  const absent = optionsMayBeAbsent(param, style.typed);
  const ctorAccess: RuntimeRef = optionRef(pattern.getText(), ctx, required, absent);
  const stored = keeping.storedAs(param);
  if (stored && !ctx.derived) {
    return { ...base, edits: typeEdits, what: `option \`${memberText}\`${where}`, access: optionRef(stored, ctx, required, absent), ctorAccess };
  }
  return {
    ...base,
    edits: [...typeEdits, ...keep(ctorAccess.expr)],
    ctorOnlyEdits: typeEdits,
    ctorOnlyWhat: `option \`${memberText}\`${where}`,
    what: `option \`${memberText}\`${where}, kept in \`this.${name}\``,
    ...(ctx.derived ? {} : { access: thisRef(name) }),
    ctorAccess,
  };
}

/** The constructor reads `param.something`: the parameter is an object. */
function readsPropertiesOf(ctor: ConstructorDeclaration, param: string): boolean {
  return ctor.getBodyOrThrow().getDescendants().some((n) => Node.isPropertyAccessExpression(n) && n.getExpression().getText() === param);
}
