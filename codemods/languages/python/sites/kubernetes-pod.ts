// A Kubernetes pod is a container too (the kubernetes client's `create_namespaced_pod`, or a Job or Deployment that
// makes pods): its runtime is the pod's RuntimeClass, which only the cluster can offer. Reported, never edited.
import { KUBERNETES_POD_CREATE, KUBERNETES_POD_REASON, KUBERNETES_RUNTIME_CLASS } from "../../../model/docker-cli.js";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";

export function findKubernetesPods(mod: PyModule): Site[] {
  if (KUBERNETES_RUNTIME_CLASS.test(mod.file.text)) return [];
  const sites: Site[] = [];
  // Called (`api.create_namespaced_pod(...)`) or handed to a helper that calls it (llm-sandbox's retry wrapper).
  for (const ref of mod.nodes("attribute")) {
    const method = ref.childForFieldName("attribute")?.text;
    if (!method || !KUBERNETES_POD_CREATE.test(method)) continue;
    const call = ref.parent?.type === "call" && ref.parent.childForFieldName("function")?.equals(ref) ? ref.parent : null;
    sites.push({ mod, node: call ?? ref, what: call ? `${method}(...)` : method, wiredWith: null, manual: KUBERNETES_POD_REASON, fix: () => [], hint: () => "" });
  }
  return sites;
}
