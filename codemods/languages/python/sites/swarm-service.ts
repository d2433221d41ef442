// A Swarm service creates containers too: docker-py `client.services.create(...)`, `docker service create` in a shell
// string, or `["docker", "service", "create", ...]`. Swarm takes no runtime per service, so each is reported with
// the node-level fix (daemon.json) and left as it is.
import type { Node } from "web-tree-sitter";
import { SHELL_SERVICE_COMMAND, SWARM_SERVICE_REASON } from "../../../model/docker-cli.js";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";
import { children, isDocstring, namedChildren, positionalArgs, stringValue } from "../syntax.js";
import { isDockerExecutable } from "./docker-argv.js";
import { importsDocker } from "./docker-py-low-level.js";
import { isMessage } from "./docker-shell-string.js";

export function findSwarmServices(mod: PyModule): Site[] {
  const found: { node: Node; what: string }[] = [];
  // `services.create` is a common name (other SDKs have one): only in a module that speaks of docker.
  if (!/docker/i.test(mod.file.text)) return [];
  // The low-level APIClient: `api.create_service(task_template)`, also dispatched by name (`self.docker("create_service", ...)`).
  // Other SDKs have a create_service too (boto3's ECS client): only where docker is imported.
  const lowLevel = importsDocker(mod);
  for (const call of mod.nodes("call")) {
    const fn = call.childForFieldName("function");
    const method = fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : null;
    const object = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
    if (method === "create" && object?.type === "attribute" && object.childForFieldName("attribute")?.text === "services") {
      found.push({ node: call, what: "services.create(...)" });
    } else if (lowLevel && (method === "create_service" || stringValue(positionalArgs(call)[0] ?? null) === "create_service")) {
      found.push({ node: call, what: "create_service(...)" });
    }
  }
  for (const seq of [...mod.nodes("list"), ...mod.nodes("tuple")]) {
    const items = namedChildren(seq);
    if (items.length >= 3 && isDockerExecutable(items[0]!) && stringValue(items[1]!) === "service" && stringValue(items[2]!) === "create") {
      found.push({ node: seq, what: "docker service create argv" });
    }
  }
  for (const str of mod.nodes("string")) {
    const command = children(str).some((part) => part.type === "string_content" && SHELL_SERVICE_COMMAND.test(part.text));
    if (command && !isDocstring(str) && !isMessage(str)) found.push({ node: str, what: "docker service create in a shell string" });
  }
  return found.map(({ node, what }) => ({ mod, node, what, wiredWith: null, manual: SWARM_SERVICE_REASON, fix: () => [], hint: () => "" }));
}
