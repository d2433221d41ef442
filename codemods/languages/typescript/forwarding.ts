// A call that constructs a runtime owner (`new DockerSandbox(…)`, `createSandbox(…)`) must pass the runtime its caller received.
import type { CallExpression, NewExpression } from "ts-morph";
import { Node } from "./ts-morph.js";
import type { Edit } from "../../model/types.js";
import type { RuntimeRef } from "../../model/frontend.js";
import { appendItem, insertAt, insertItemBefore } from "./list-insert.js";
import type { PassStyle } from "./owner-params.js";
import { declaredRequired } from "./required-defaults.js";
import { argumentShape, followIdentifier, objectShape, propertyNamed, skipOuter } from "./syntax-helpers.js";

export type Forwarding =
  | { state: "wired" }
  | { state: "manual"; reason: string }
  | { state: "fixable"; edits: Edit[]; what: string };

export function planForwarding(call: CallExpression | NewExpression, pass: PassStyle, rt: RuntimeRef, text: string, fallback: string): Forwarding {
  if (pass.kind === "none") return { state: "wired" };
  const args = call.getArguments();
  if (args.some((a) => Node.isSpreadElement(a))) return { state: "manual", reason: "the arguments are spread; pass the runtime by hand" };
  const index = pass.index;
  const item = pass.kind === "positional" ? rt.expr : `{ ${property(pass.key, rt)} }`;
  if (args.length <= index) {
    // Skipped optional parameters before the runtime are passed as `undefined`, which keeps their defaults.
    const items = [...Array(index - args.length).fill("undefined"), item].join(", ");
    const shape = argumentShape(call);
    const edit = shape ? appendItem(text, shape, items) : insertAt(call.getEnd(), `(${items})`);
    return { state: "fixable", edits: [edit], what: `\`${pass.kind === "positional" ? rt.expr : item}\`` };
  }
  if (pass.kind === "positional") return { state: "wired" };
  const arg = skipOuter(args[index]!);
  // The caller hands over its own options object, which already carries the runtime.
  if (Node.isIdentifier(arg) && readsOptionOf(rt, arg.getText(), pass.key)) return { state: "wired" };
  const options = followIdentifier(arg);
  if (!options || !Node.isObjectLiteralExpression(options)) return { state: "manual", reason: `the options are built elsewhere; add \`${pass.key}\` there` };
  if (propertyNamed(options, pass.key)) return { state: "wired" };
  // `{ ...DEFAULTS, ...opts }` where opts is the caller's own options: the runtime rides along. A callee that reads
  // `Required<…>` options needs it spelled out: the default goes before the spread, so the caller's choice still wins.
  const carrier = options.getProperties().find((p) => Node.isSpreadAssignment(p) && Node.isIdentifier(skipOuter(p.getExpression())) && readsOptionOf(rt, skipOuter(p.getExpression()).getText(), pass.key));
  // A `Required<…>` defaults object spread before it gives the default already (see required-defaults.ts).
  const properties = options.getProperties();
  const defaulted = !!carrier && properties.slice(0, properties.indexOf(carrier)).some((p) => Node.isSpreadAssignment(p) && declaredRequired(p.getExpression()));
  if (carrier && (!pass.required || defaulted)) return { state: "wired" };
  if (carrier) {
    const prop = `${pass.key}: ${fallback}`;
    return { state: "fixable", edits: [insertItemBefore(text, carrier, prop)], what: `\`${prop}\` before \`${carrier.getText()}\`` };
  }
  const prop = property(pass.key, rt);
  return { state: "fixable", edits: [appendItem(text, objectShape(options), prop)], what: `\`${prop}\`` };
}

/** `opts.runtime`, `opts.runtime ?? "crun"` or `opts?.runtime ?? "crun"`: the runtime is read from the options object `object`. */
function readsOptionOf(rt: RuntimeRef, object: string, key: string): boolean {
  return [`${object}.${key}`, `${object}?.${key}`].some((read) => rt.expr === read || rt.expr.startsWith(`${read} ??`));
}

function property(key: string, rt: RuntimeRef): string {
  return rt.expr === key ? key : `${key}: ${rt.expr}`;
}
