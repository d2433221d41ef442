// A Swarm service creates containers too: dockerode `docker.createService(...)`, `docker service create` as an argv
// or in a shell string. Swarm takes no runtime per service, so each is reported with the node-level fix (daemon.json)
// and left as it is.
import { isDockerExecutableName, SHELL_SERVICE_COMMAND, SWARM_SERVICE_REASON } from "../../../model/docker-cli.js";
import { Node } from "../ts-morph.js";
import { followIdentifier, skipOuter, stringValue } from "../syntax-helpers.js";
import { toSite, type SiteFinder } from "./types.js";

const MANUAL = { state: "manual", reason: SWARM_SERVICE_REASON } as const;

export const swarmService: SiteFinder = {
  kind: "swarm-service",
  title: "a Swarm service (dockerode `createService`, `docker service create`): reported, Swarm takes no runtime per service",
  accepts: (call, facts) => call.name === "createService" || facts.commands.service || facts.commands.serviceWord,
  match(call, facts) {
    const callee = skipOuter(call.getExpression());
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === "createService" && /dockerode/.test(facts.text)) {
      return toSite("swarm-service", callee.getNameNode(), "createService()", MANUAL);
    }
    if (!facts.commands.service && !facts.commands.serviceWord) return undefined;
    const [exe, second] = call.getArguments();
    const argv = followIdentifier(second);
    if (exe && argv && Node.isArrayLiteralExpression(argv) && isDockerExecutableName(stringValue(exe) ?? "")) {
      const [verb, sub] = argv.getElements().map((item) => stringValue(item));
      if (verb === "service" && sub === "create") return toSite("swarm-service", call, "docker service create argv", MANUAL);
    }
    for (const arg of facts.commands.service ? call.getArguments() : []) {
      const text = followIdentifier(arg);
      if (text && (Node.isStringLiteral(text) || Node.isNoSubstitutionTemplateLiteral(text) || Node.isTemplateExpression(text)) && SHELL_SERVICE_COMMAND.test(text.getText().slice(1))) {
        facts.claimed.add(text);
        return toSite("swarm-service", call, "docker service create in a shell string", MANUAL);
      }
    }
    return undefined;
  },
};
