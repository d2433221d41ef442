// `docker compose up` through the package's own wrapper named for compose (devcontainers/cli's
// `dockerComposeCLI(params, ...args)` after `args.push("up", "-d")`, or with "up" inline). The wrapper runs compose
// somewhere out of sight, so its caller cannot be given the runtime automatically: reported, as a compose argv whose
// subcommand comes from elsewhere is. A helper whose result is itself handed on as an argv is docker-compose-call's.
import type { CallExpression, Node as TsNode } from "ts-morph";
import { descendantsWhere, Node, SyntaxKind } from "../ts-morph.js";
import { outerParent, skipOuter, stringValue } from "../syntax-helpers.js";
import { toSite, type SiteFinder } from "./types.js";
import { COMPOSE_CREATING } from "../../../model/docker-cli.js";


export const dockerComposeWrapper: SiteFinder = {
  kind: "docker-compose-wrapper",
  title: "`docker compose up|run|create` through the package's own compose wrapper (`dockerComposeCLI(params, \"up\")`): reported",
  // The last segment of the callee's text has "compose" in it (`this.compose(...)`, `composeFns[0](...)`).
  accepts: (call) => /compose/i.test(call.text()),
  match(call, facts) {
    const name = call.getExpression().getText().split(".").at(-1) ?? "";
    if (!/compose/i.test(name)) return undefined;
    // `spawn("docker", this.composeArgs("up"))`: the argv is the runner's, and docker-compose-call reports it there.
    const user = outerParent(call);
    if (user && (Node.isCallExpression(user) || Node.isArrayLiteralExpression(user) || Node.isSpreadElement(user))) return undefined;
    const verb = call.getArguments().map((arg) => creatingVerb(arg, call)).find((v) => v !== undefined);
    if (!verb) return undefined;
    const reason = `\`${name}\` runs compose out of sight: where it brings services up, pass \`${facts.variable}\` in the child's environment by hand`;
    return toSite("docker-compose-wrapper", call, `${name}(… ${JSON.stringify(verb)} …)`, { state: "manual", reason });
  },
};

/** "up" given inline, or in an array spread into the call that holds it from the start or has it pushed on. */
function creatingVerb(arg: TsNode, call: CallExpression): string | undefined {
  const inline = stringValue(arg);
  if (inline !== undefined) return COMPOSE_CREATING.has(inline) ? inline : undefined;
  if (!Node.isSpreadElement(arg)) return undefined;
  const spread = skipOuter(arg.getExpression());
  if (!Node.isIdentifier(spread)) return undefined;
  const scope = call.getFirstAncestor((n) => Node.isFunctionLikeDeclaration(n)) ?? call.getSourceFile();
  const name = spread.getText();
  // Only nodes whose text names the array are wrapped (`args = [...]`, `args.push(...)`).
  for (const node of descendantsWhere(scope, [SyntaxKind.VariableDeclaration, SyntaxKind.CallExpression], (text) => text.startsWith(name))) {
    if (node.getStart() > call.getStart()) continue;
    let values: TsNode[] = [];
    if (Node.isVariableDeclaration(node) && node.getName() === name) {
      const init = skipOuter(node.getInitializer());
      if (init && Node.isArrayLiteralExpression(init)) values = init.getElements();
    } else if (Node.isCallExpression(node) && node.getExpression().getText() === `${name}.push`) {
      values = node.getArguments();
    }
    const verb = values.map((v) => stringValue(v)).find((v) => v !== undefined && COMPOSE_CREATING.has(v));
    if (verb) return verb;
  }
  return undefined;
}
