// The docker CLI behind a helper whose name says so (`dockerCLI(params, "run", ...)`, `dockerPtyCLI(params, ...args)`
// with `args = ["run", ...]`, as in the devcontainers CLI): the executable lives in the helper or its parameters, the
// subcommand is in the arguments. `"--runtime", x` goes right after `run`/`create`, in the call or the array it spreads.
import type { CallExpression } from "ts-morph";
import { Node } from "../ts-morph.js";
import { argumentShape, calleeName, followIdentifier, skipOuter, stringValue } from "../syntax-helpers.js";
import { analyzeArgv, runtimeAfterSubcommand } from "./docker-argv.js";
import { toSite, type Analysis, type SiteFinder } from "./types.js";

/** `docker`, `dockerCLI`, `dockerPtyCLI`, `runDockerCommand`, `podmanCli`: not compose (its `run` starts a service's one-off container
 *  through the compose file, which the compose frontend wires). */
const HELPER = /^(?:run)?(?:docker|podman)(?:\w*(?:cli|command|cmd))?$/i;

export const dockerCliHelper: SiteFinder = {
  kind: "docker-cli-helper",
  title: "`docker run|create` through a docker CLI helper (`dockerCLI(params, \"run\", ...)`, `...args` spread from an argv)",
  accepts: (call) => call.name !== undefined && HELPER.test(call.name) && !/compose/i.test(call.name),
  match(call: CallExpression, facts) {
    const name = calleeName(call);
    if (!name || !HELPER.test(name) || /compose/i.test(name)) return undefined;
    const args = call.getArguments();
    for (const [index, arg] of args.entries()) {
      if (Node.isSpreadElement(arg)) {
        const argv = followIdentifier(arg.getExpression());
        const analysis = argv && Node.isArrayLiteralExpression(argv) ? analyzeArgv(argv, facts, false) : undefined;
        return analysis && toSite("docker-cli-helper", call, `${name}(...)`, analysis);
      }
      // `docker(["run", ...])`: the helper takes the argv whole.
      const whole = followIdentifier(arg);
      if (whole && Node.isArrayLiteralExpression(whole)) {
        const analysis = analyzeArgv(whole, facts, false);
        return analysis && toSite("docker-cli-helper", call, `${name}(...)`, analysis);
      }
      const value = stringValue(skipOuter(arg));
      if (value === undefined) continue; // the helper's own parameters come first
      const sub = value === "container" ? index + 1 : index;
      const verb = stringValue(skipOuter(args[sub]));
      if (verb !== "run" && verb !== "create") return undefined;
      const shape = argumentShape(call);
      const analysis: Analysis = shape ? runtimeAfterSubcommand(shape, args[sub]!, facts, false) : { state: "manual", reason: "the call has no argument list to extend" };
      return toSite("docker-cli-helper", call, `${name}(...)`, analysis);
    }
    return undefined;
  },
};
