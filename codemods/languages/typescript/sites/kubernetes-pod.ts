// A Kubernetes pod is a container too (@kubernetes/client-node's `createNamespacedPod`, or a Job or Deployment that
// makes pods): its runtime is the pod's RuntimeClass, which only the cluster can offer. Reported, never edited.
import { KUBERNETES_POD_CREATE, KUBERNETES_POD_REASON, KUBERNETES_RUNTIME_CLASS } from "../../../model/docker-cli.js";
import { Node } from "../ts-morph.js";
import { skipOuter } from "../syntax-helpers.js";
import { toSite, type SiteFinder } from "./types.js";

export const kubernetesPod: SiteFinder = {
  kind: "kubernetes-pod",
  title: "a Kubernetes pod (`createNamespacedPod`, a Job or Deployment): reported, its runtime is the pod's RuntimeClass",
  accepts: (call) => call.name !== undefined && KUBERNETES_POD_CREATE.test(call.name),
  match(call, facts) {
    const callee = skipOuter(call.getExpression());
    if (!Node.isPropertyAccessExpression(callee) || !KUBERNETES_POD_CREATE.test(callee.getName())) return undefined;
    if (KUBERNETES_RUNTIME_CLASS.test(facts.text)) return undefined;
    return toSite("kubernetes-pod", callee.getNameNode(), `${callee.getName()}()`, { state: "manual", reason: KUBERNETES_POD_REASON });
  },
};
