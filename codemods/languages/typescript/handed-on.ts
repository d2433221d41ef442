// A function of the group handed to a call as a value (`.then(installAll)`, `emitter.on("ready", start)`,
// `items.map(build)`) is called by whatever it is handed to, with that code's arguments: a new runtime parameter
// would receive one of them (bluebird hands `.then` callbacks the previous step's result). Such a function takes
// none: like a web route or a script's main(), what it calls and the containers it starts keep the default.
import type { CallExpression, NewExpression } from "ts-morph";
import { Node, SyntaxKind, descendantsOfKind } from "./ts-morph.js";
import { isTestFile } from "../../plan/file-policy.js";
import type { FileCtx } from "./edges.js";
import { resolveUnit } from "./resolve-unit.js";
import { skipOuter } from "./syntax-helpers.js";
import type { Unit } from "./units.js";

/** Each function unit handed to a call as an argument, with why it takes no runtime. Tests' calls do not count. */
export function handedOnUnits(ctxs: FileCtx[]): Map<Unit, string> {
  const handed = new Map<Unit, string>();
  for (const ctx of ctxs) {
    if (isTestFile(ctx.file)) continue;
    const calls: (CallExpression | NewExpression)[] = [...descendantsOfKind(ctx.sf, SyntaxKind.CallExpression), ...descendantsOfKind(ctx.sf, SyntaxKind.NewExpression)];
    for (const call of calls) {
      for (const arg of call.getArguments()) {
        const inner = skipOuter(arg);
        if (!Node.isIdentifier(inner)) continue;
        const unit = resolveUnit(inner, ctx, ctxs);
        if (!unit || unit.kind !== "function" || unit.isLoadEnvironment || handed.has(unit)) continue;
        handed.set(unit, `is handed to \`${calleeText(call)}\` as a value, which calls it with arguments of its own (a runtime parameter would receive one of them)`);
      }
    }
  }
  return handed;
}

function calleeText(call: CallExpression | NewExpression): string {
  const expression = call.getExpression();
  const name = Node.isPropertyAccessExpression(expression) ? `.${expression.getName()}` : expression.getText();
  return `${Node.isNewExpression(call) ? "new " : ""}${name.length > 40 ? `${name.slice(0, 40)}…` : name}(…)`;
}
