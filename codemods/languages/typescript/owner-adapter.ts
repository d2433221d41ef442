// The TS owner plan (owner-params.ts) as the shared model's OwnerPlan: which edits, given where the runtime is read,
// and how code at each place reads it (inside the constructor through its parameter, elsewhere through the field).
import type { Node, TypeNode } from "ts-morph";
import { SyntaxKind } from "./ts-morph.js";
import type { RuntimeRef } from "../../model/frontend.js";
import type { FileCtx, TsOwnerPlan } from "./edges.js";
import type { OciTypes } from "./oci-type.js";
import { planOwner, type OwnerPlan as ParamPlan } from "./owner-params.js";
import type { OptionsType } from "./type-members.js";
import type { Hierarchy } from "./hierarchy.js";
import type { Unit } from "./units.js";

export interface AdapterDeps {
  runtimeDefault: string;
  lookupType: (typeNode: TypeNode | undefined) => OptionsType | undefined;
  ociTypes: OciTypes;
  hierarchy: Hierarchy;
  /** The most arguments a call of the group passes to the unit (Infinity when one spreads them). */
  maxArgs: number;
}

export function tsOwnerPlan(unit: Unit, name: string, ctx: FileCtx, deps: AdapterDeps): TsOwnerPlan {
  const plan = planOwner(unit, {
    text: ctx.file.text,
    style: ctx.style,
    runtimeDefault: deps.runtimeDefault,
    paramName: name,
    unitName: unit.name,
    lookupType: deps.lookupType,
    maxArgs: deps.maxArgs,
    hasSubclasses: deps.hierarchy.hasSubclasses(unit),
    derived: unit.kind === "class" && deps.hierarchy.root(unit) !== unit,
  });
  const cannot = !plan.exists && !plan.access && !plan.ctorAccess;
  return {
    name,
    exists: plan.exists,
    ...(plan.mayBeUnset ? { mayBeUnset: true } : {}),
    pass: plan.pass,
    closed: plan.pass.kind === "none" && !!plan.access,
    ...(plan.member ? { member: plan.member } : {}),
    ...(cannot ? { reason: plan.reason ?? "the runtime cannot be read here" } : {}),
    edits(readers) {
      const ctorOnly = !!plan.ctorOnlyEdits && readers.every((r) => inConstructor(r.node as Node, unit));
      const edits = [...(ctorOnly ? plan.ctorOnlyEdits! : plan.edits)];
      if (edits.some((e) => e.text.includes("OciRuntime"))) edits.push(...deps.ociTypes.ensure(ctx));
      return { edits, add: ctorOnly ? plan.ctorOnlyWhat ?? plan.what : plan.what };
    },
    accessAt: (reader) => accessAt(unit, plan, reader.node as Node) ?? { reason: plan.reason ?? "the runtime cannot be read here" },
  };
}

function inConstructor(node: Node, unit: Unit): boolean {
  return node.getFirstAncestorByKind(SyntaxKind.Constructor)?.getParent() === unit.node;
}

/** Inside the constructor through its parameter (fields may not be assigned yet), elsewhere through the plan. */
function accessAt(unit: Unit, plan: ParamPlan, node: Node): RuntimeRef | undefined {
  if (unit.kind === "class" && plan.ctorAccess && inConstructor(node, unit)) return plan.ctorAccess;
  return plan.access;
}
