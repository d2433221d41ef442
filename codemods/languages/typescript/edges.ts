// Calls and constructions whose callee is a unit of the group (`new DockerSandbox(...)`, `createSandbox(...)`, across
// files through ESM and CommonJS imports), as edges for the planner.
import type { CallExpression, NewExpression, SourceFile as TsSourceFile } from "ts-morph";
import { Node, SyntaxKind, descendantsOfKind } from "./ts-morph.js";
import type { EdgeFact, Holder, OwnerPlan, Passed, Reader } from "../../model/frontend.js";
import type { SourceFile } from "../../model/types.js";
import { quoted, type FileStyle } from "./file-style.js";
import { planForwarding } from "./forwarding.js";
import type { PassStyle } from "./owner-params.js";
import type { ImportBinding, ReExports } from "./module-links.js";
import { isSuperCall, type Hierarchy } from "./hierarchy.js";
import { resolveUnit } from "./resolve-unit.js";
import { followIdentifier, propertyNamed, skipOuter } from "./syntax-helpers.js";
import type { OptionsType } from "./type-members.js";
import type { Unit } from "./units.js";

export interface FileCtx {
  file: SourceFile;
  sf: TsSourceFile;
  style: FileStyle;
  units: Unit[];
  imports: Map<string, ImportBinding>;
  exports: Map<string, string>;
  /** What it re-exports from other files (a barrel). */
  reexports: ReExports;
  /** A specifier as a relative one: tsconfig path aliases (`@app/builders`) resolved, others as written. */
  unalias(specifier: string): string;
}

export interface TsEdge extends EdgeFact {
  callee: Unit;
}

/** What the TS plan of an owner adds to the shared OwnerPlan: how callers pass the runtime. */
export type TsOwnerPlan = OwnerPlan & {
  pass: PassStyle;
  /** A member it needs in an options type of another file (see OciTypes / program finish). */
  member?: { type: OptionsType; text: string };
};

export interface EdgeContext {
  ctxs: FileCtx[];
  hierarchy: Hierarchy;
  holderAt: (node: Node) => Holder;
  /** The owner for a unit itself (a subclass's constructor hands its own parameter to `super`). */
  ownerOf: (unit: Unit) => Holder;
  runtimeDefault: string;
}

export function callEdges(ctx: FileCtx, links: EdgeContext): TsEdge[] {
  const edges: TsEdge[] = [];
  const calls: (CallExpression | NewExpression)[] = [
    ...descendantsOfKind(ctx.sf, SyntaxKind.NewExpression),
    ...descendantsOfKind(ctx.sf, SyntaxKind.CallExpression),
  ];
  for (const call of calls) {
    if (isSuperCall(call)) {
      const edge = superEdge(ctx, call as CallExpression, links);
      if (edge) edges.push(edge);
      continue;
    }
    const byThis = Node.isNewExpression(call) ? staticThisClass(call, ctx) : undefined;
    const callee = byThis ?? resolveUnit(call.getExpression(), ctx, links.ctxs);
    if (!callee || (callee.kind === "class") !== Node.isNewExpression(call)) continue;
    // Building a subclass without a constructor runs the constructor it inherits.
    const target = callee.kind === "class" ? links.hierarchy.constructorOf(callee) : callee;
    const built = edge(ctx, call, target, links.holderAt(call), `${Node.isNewExpression(call) ? "new " : ""}${byThis ? "this" : callee.name}(…)`, links);
    const made = callee.kind === "class" && copiesItself(call, callee) ? { ...built, copiesItself: true } : built;
    // `new this(...)` may build any subclass: never ruled out.
    if (callee.kind === "class" && !byThis) instanceUnits.set(made, new Set(chain(callee, links.hierarchy)));
    edges.push(made);
  }
  return edges;
}

/** `new this(...)` in a static method: the class (or a subclass, when called through one) it belongs to. */
function staticThisClass(call: NewExpression, ctx: FileCtx): Unit | undefined {
  if (skipOuter(call.getExpression()).getKind() !== SyntaxKind.ThisKeyword) return undefined;
  const method = call.getFirstAncestor((n) => Node.isFunctionLikeDeclaration(n) && !Node.isArrowFunction(n));
  if (!method || !Node.isMethodDeclaration(method) || !method.isStatic()) return undefined;
  const cls = method.getParent();
  return ctx.units.find((u) => u.kind === "class" && u.node.compilerNode === cls?.compilerNode);
}

/** The classes whose methods run on what `new X(...)` builds: X and the group's classes above it. */
const instanceUnits = new WeakMap<EdgeFact, Set<Unit>>();

function chain(unit: Unit, hierarchy: Hierarchy): Unit[] {
  const out: Unit[] = [];
  for (let cur: Unit | undefined = unit; cur && !out.includes(cur); cur = hierarchy.base(cur)) out.push(cur);
  return out;
}

/** Program.reaches: the instance an edge builds runs the code of a reader's class. Only a reader in a class below the
 *  callee's can be ruled out; any other (a function, a class that keeps an instance) counts. */
export function reaches(edge: EdgeFact, readers: Reader[], hierarchy: Hierarchy, classOf: (node: Node) => Unit | undefined): boolean {
  const units = instanceUnits.get(edge);
  const callee = (edge as TsEdge).callee;
  if (!units || !callee) return true;
  return readers.some((reader) => {
    const unit = Node.isNode(reader.node) ? classOf(reader.node) : undefined;
    return !unit || unit.kind !== "class" || units.has(unit) || !chain(unit, hierarchy).includes(callee);
  });
}

/** `return new Sandbox({ ...this.options })` in one of Sandbox's own instance methods (a `clone()`); an arrow
 *  function inside the method sees the same `this`. */
function copiesItself(call: CallExpression | NewExpression, cls: Unit): boolean {
  const fn = call.getFirstAncestor((n) => Node.isFunctionLikeDeclaration(n) && !Node.isArrowFunction(n));
  return !!fn && Node.isMethodDeclaration(fn) && !fn.isStatic() && fn.getParent()?.compilerNode === cls.node.compilerNode;
}

/** `super(...)` in the constructor of a class whose base is in the group: the subclass builds its base. */
function superEdge(ctx: FileCtx, call: CallExpression, links: EdgeContext): TsEdge | undefined {
  const cls = call.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
  const unit = cls && ctx.units.find((u) => u.node === cls);
  const base = unit && links.hierarchy.base(unit);
  if (!unit || !base) return undefined;
  // Whatever class is built through this constructor (any below it) may read the runtime: never ruled out.
  return edge(ctx, call, links.hierarchy.constructorOf(base), links.ownerOf(unit), "super(…)", links);
}

function edge(ctx: FileCtx, call: CallExpression | NewExpression, callee: Unit, caller: Holder, label: string, links: EdgeContext): TsEdge {
  const text = ctx.file.text;
  return {
    file: ctx.file,
    node: call,
    at: call.getStart(),
    label,
    callee,
    caller,
    passed: (plan) => passed(call, (plan as TsOwnerPlan).pass),
    carriesCatchAll: () => false,
    forward(plan, _caller, rt) {
      const forwarding = planForwarding(call, (plan as TsOwnerPlan).pass, rt, text, quoted(ctx.style, links.runtimeDefault));
      if (forwarding.state === "fixable") return { kind: "fixable", edits: forwarding.edits, add: forwarding.what };
      if (forwarding.state === "manual") return { kind: "manual", reason: forwarding.reason };
      return { kind: "wired" };
    },
  };
}

/** What the call already hands the callee's runtime: the positional argument, or the option in an object literal. */
function passed(call: CallExpression | NewExpression, pass: PassStyle): Passed | null {
  if (pass.kind === "none") return null;
  const arg = call.getArguments()[pass.index];
  if (!arg) return null;
  let value: Node | undefined;
  if (pass.kind === "positional") value = arg;
  else {
    const options = followIdentifier(arg);
    if (!options || !Node.isObjectLiteralExpression(options)) return null;
    const property = propertyNamed(options, pass.key);
    if (!property) return null;
    value = Node.isPropertyAssignment(property) ? property.getInitializer() : Node.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined;
  }
  const inner = skipOuter(value);
  if (!inner) return null;
  const expr = inner.getText();
  const head = Node.isBinaryExpression(inner) ? skipOuter(inner.getLeft()) : inner;
  const callerName = Node.isIdentifier(head) ? head.getText() : Node.isPropertyAccessExpression(head) ? head.getName() : undefined;
  return callerName ? { expr, callerName } : { expr };
}
