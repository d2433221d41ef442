// Docker's argv built step by step onto an array: `dockerCmd.push("docker", "run", "--rm", …)`, the rest pushed
// later and the whole run as `spawn(cmd, args)` from a destructured `[cmd, ...args]` (serverless-python-requirements'
// pip container). The program and its subcommand are pushed together, so `"--runtime", x` goes right after the
// subcommand in that same push; an argv whose subcommand is pushed apart from `docker` is left to the other finders.
import type { CallExpression } from "ts-morph";
import { Node } from "../ts-morph.js";
import { argumentShape, skipOuter, stringValue } from "../syntax-helpers.js";
import { runtimeAfterSubcommand } from "./docker-argv.js";
import { toSite, type SiteFinder } from "./types.js";

const ENGINE = /^(docker|podman|nerdctl)(\.exe)?$/;

export const dockerArgvPush: SiteFinder = {
  kind: "docker-argv-push",
  title: "`argv.push(\"docker\", \"run\", ...)`: docker's argv built onto an array, its subcommand pushed with the program",
  accepts: (call, facts) => facts.commands.engineWord && (call.name === "push" || call.name === "unshift"),
  match(call: CallExpression, facts) {
    if (!facts.commands.engineWord) return undefined;
    const callee = skipOuter(call.getExpression());
    if (!Node.isPropertyAccessExpression(callee) || (callee.getName() !== "push" && callee.getName() !== "unshift")) return undefined;
    const args = call.getArguments();
    const engine = stringValue(skipOuter(args[0]));
    if (engine === undefined || !ENGINE.test(engine.split(/[\\/]/).at(-1) ?? "")) return undefined;
    const subcommand = args[stringValue(args[1]) === "container" ? 2 : 1];
    const verb = stringValue(subcommand);
    const shape = argumentShape(call);
    if (!subcommand || (verb !== "run" && verb !== "create") || !shape) return undefined;
    const label = `${callee.getText()}("${engine}", "${verb}", ...)`;
    return toSite("docker-argv-push", call, label, runtimeAfterSubcommand(shape, subcommand, facts, false));
  },
};
