// The `docker-compose` npm package (`compose.upAll({ cwd })`, `upMany`, `upOne`, `run`): it spawns `docker compose`
// with the options' `env` (or none), so the runtime rides there as the variable the compose files read, as for a
// compose argv (docker-compose-call.ts).
import type { CallExpression } from "ts-morph";
import { Node } from "../ts-morph.js";
import { importedAs, skipOuter } from "../syntax-helpers.js";
import { withEnv } from "./docker-compose-call.js";
import { toSite, type SiteFinder } from "./types.js";

/** Creating calls and where their options go. */
const OPTIONS_AT = new Map([["upAll", 0], ["upMany", 1], ["upOne", 1], ["run", 2], ["createAll", 0], ["createMany", 1], ["createOne", 1]]);

export const dockerComposePackage: SiteFinder = {
  kind: "docker-compose-package",
  title: "the `docker-compose` npm package (`upAll`, `upMany`, `upOne`, `run`): the runtime as OCI_RUNTIME in its env",
  accepts: (call, facts) => facts.commands.compose && call.name !== undefined && OPTIONS_AT.has(call.name),
  match(call, facts) {
    if (!facts.commands.compose) return undefined;
    const callee = skipOuter(call.getExpression());
    const method = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : undefined;
    const at = method === undefined ? undefined : OPTIONS_AT.get(method);
    if (at === undefined || !fromPackage(call, callee)) return undefined;
    const label = `${callee.getText()}(...)`;
    // Fewer arguments than the options' place (`run(service)`): where they would go is a human's call.
    if (call.getArguments().length < at) return toSite("docker-compose-package", call, label, { state: "manual", reason: `pass \`env: { ...process.env, ${facts.variable}: runtime }\` in its options by hand` });
    return toSite("docker-compose-package", call, label, withEnv(call, facts.variable, at));
  },
};

/** `compose.upAll` with `compose` the package's default or namespace import, or `upAll` imported by name. */
function fromPackage(call: CallExpression, callee: Node): boolean {
  const object = Node.isPropertyAccessExpression(callee) ? skipOuter(callee.getExpression()) : undefined;
  const local = object && Node.isIdentifier(object) ? object.getText() : Node.isIdentifier(callee) ? callee.getText() : undefined;
  const bound = local && importedAs(call.getSourceFile(), local, /^docker-compose(\/.*)?$/);
  return !!bound && (object ? bound === "default" || bound === "*" : bound !== "default" && bound !== "*");
}
