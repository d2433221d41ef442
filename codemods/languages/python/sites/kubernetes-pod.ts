// A Kubernetes pod is a container too (the kubernetes client's `create_namespaced_pod`, or a Job or Deployment that
// makes pods): its runtime is the pod's RuntimeClass, which only the cluster can offer. Reported, never edited.
import { KUBERNETES_POD_CREATE, KUBERNETES_POD_REASON, KUBERNETES_RUNTIME_CLASS } from "../../../model/docker-cli.js";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";

export function findKubernetesPods(mod: PyModule): Site[] {
  if (KUBERNETES_RUNTIME_CLASS.test(mod.file.text)) return [];
  const sites: Site[] = [];
  for (const call of mod.nodes("call")) {
    const fn = call.childForFieldName("function");
    const method = fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : null;
    if (method && KUBERNETES_POD_CREATE.test(method)) {
      sites.push({ mod, node: call, what: `${method}(...)`, wiredWith: null, manual: KUBERNETES_POD_REASON, fix: () => [], hint: () => "" });
    }
  }
  return sites;
}
