// docker-py's low-level APIClient: the runtime belongs in `create_host_config(...)`; a `create_container(...)` without a
// host config gets one.
import type { PyModule } from "../module-index.js";
import { addKeyword, passedKeyword, type Site } from "../site.js";
import { keywordArg } from "../syntax.js";

/** `api`, `self.api`, `client.api`, `docker.APIClient(...)`, `self.docker_client`: objects that look like an APIClient. */
function looksLikeApiClient(objectText: string): boolean {
  if (objectText === "self" || objectText === "cls") return false;
  const last = objectText.split(".").at(-1) ?? "";
  return /api|client|docker/i.test(last);
}

/** `create_container` is also Azure's ContainerClient and BlobServiceClient method (a storage bucket): a module that
 *  imports no docker only has docker's when the object says so (`api`, `docker_client`). */
export function importsDocker(mod: PyModule): boolean {
  return [...mod.imports.values()].some((b) => b.module === "docker" || b.module.startsWith("docker."));
}

export function findLowLevelApi(mod: PyModule): Site[] {
  const sites: Site[] = [];
  const docker = importsDocker(mod);
  for (const call of mod.nodes("call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute") continue;
    const method = fn.childForFieldName("attribute")?.text;
    const object = fn.childForFieldName("object");
    if (!object || !looksLikeApiClient(object.text)) continue;
    if (method === "create_host_config") {
      sites.push({
        mod,
        node: call,
        what: "create_host_config(...)",
        wiredWith: passedKeyword(call, "runtime"),
        fix: (runtime) => addKeyword(mod, call, "runtime", runtime),
        hint: (runtime) => `\`runtime=${runtime}\``,
      });
    } else if (method === "create_container" && (docker || /api|docker/i.test(object.text.split(".").at(-1)!)) && !keywordArg(call, "host_config") && passedKeyword(call, "host_config") === null) {
      sites.push({
        mod,
        node: call,
        what: "create_container(...) without host_config",
        wiredWith: null,
        fix: (runtime) => addKeyword(mod, call, "host_config", `${object.text}.create_host_config(runtime=${runtime})`),
        hint: (runtime) => `\`host_config=${object.text}.create_host_config(runtime=${runtime})\``,
      });
    }
  }
  return sites;
}
