// node-docker-api `docker.container.create(body)`: it posts the Engine API create body as dockerode does, so the
// runtime goes into body.HostConfig the same way (nitori's judge starts its untrusted-code sandboxes so).
import { Node } from "../ts-morph.js";
import { skipOuter } from "../syntax-helpers.js";
import { analyzeCreateOptions } from "./dockerode-create.js";
import { toSite, type SiteFinder } from "./types.js";

const LIBRARY = /["']node-docker-api["']/;
/** A client named for docker (`docker`, `this.docker`, `dockerClient`): one built elsewhere and handed in (nitori's
 *  sandbox gets it through its constructor) is still node-docker-api's when its file does not import the library. */
const DOCKER_CLIENT = /docker/i;

export const nodeDockerApiCreate: SiteFinder = {
  kind: "node-docker-api-create",
  title: "node-docker-api `docker.container.create(body)`",
  accepts: (call) => call.name === "create",
  match(call, facts) {
    const callee = skipOuter(call.getExpression());
    const args = call.getArguments();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "create" || args.length < 1) return undefined;
    const owner = skipOuter(callee.getExpression());
    if (!Node.isPropertyAccessExpression(owner) || owner.getName() !== "container") return undefined;
    // The file's text is searched for the library only at a `.container.create(...)` call, not at every call.
    const client = skipOuter(owner.getExpression()).getText().split(".").at(-1) ?? "";
    if (!DOCKER_CLIENT.test(client) && !LIBRARY.test(facts.text)) return undefined;
    return toSite("node-docker-api-create", callee.getNameNode(), "container.create()", analyzeCreateOptions(args[0], facts.text));
  },
};
