// docker-py high-level API called directly: `client.containers.create(...)` / `client.containers.run(...)`.
import type { PyModule } from "../module-index.js";
import { addKeyword, passedKeyword, type Site } from "../site.js";
import { descendants, dottedName } from "../syntax.js";

const CREATE = /(^|\.)containers\.(create|run)$/;

export function findDockerPyCalls(mod: PyModule): Site[] {
  const sites: Site[] = [];
  for (const call of descendants(mod.tree.rootNode, "call")) {
    const callee = dottedName(call.childForFieldName("function"));
    if (!callee || !CREATE.test(callee)) continue;
    const method = callee.endsWith(".run") ? "containers.run" : "containers.create";
    sites.push({
      mod,
      node: call,
      what: `${method}(...)`,
      wiredWith: passedKeyword(call, "runtime"),
      fix: (runtime) => addKeyword(mod, call, "runtime", runtime),
      hint: (runtime) => `runtime=${runtime}`,
    });
  }
  return sites;
}
