// A Kubernetes pod is a container too (the kubernetes client's `create_namespaced_pod`, or a Job or Deployment that
// makes pods): its runtime is the pod's RuntimeClass, which only the cluster can offer. Reported, never edited.
import type { Node } from "web-tree-sitter";
import { KUBERNETES_POD_CREATE, KUBERNETES_POD_REASON, KUBERNETES_RUNTIME_CLASS, MESSAGE_CALLS } from "../../../model/docker-cli.js";
import { calleeName, namedChildren, stringValue } from "../syntax.js";
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

/** `kubectl run`, `kubectl apply|create -f …`, `kubectl create deployment|job|cronjob`: a pod through the CLI. */
const KUBECTL_CREATES = /^(?:sudo\s+)?kubectl\s+(?:(?:--?[\w-]+(?:[= ]\S+)?\s+)*)(run\b|apply\b|create\s+(?:-f|--filename|-k|deployment|job|cronjob|statefulset|daemonset)\b)/;

/** Pods started with kubectl, in a command string or an argv: reported like the client's `create_namespaced_pod`. */
export function findKubectlPods(mod: PyModule): Site[] {
  if (KUBERNETES_RUNTIME_CLASS.test(mod.file.text)) return [];
  const sites: Site[] = [];
  const report = (node: Node, verb: string) =>
    sites.push({ mod, node, what: `kubectl ${verb.split(/\s+/)[0]}`, wiredWith: null, manual: KUBERNETES_POD_REASON, fix: () => [], hint: () => "" });
  for (const string of mod.nodes("string")) {
    const content = string.text.replace(/^[rRuUfFbB]*("""|'''|"|')/, "");
    const verb = KUBECTL_CREATES.exec(content)?.[1];
    if (verb && !inMessage(string)) report(string, verb);
  }
  for (const list of mod.nodes("list")) {
    const [program, ...rest] = namedChildren(list).map((item) => stringValue(item));
    if (program !== "kubectl") continue;
    const verb = KUBECTL_CREATES.exec(["kubectl", ...rest.map((word) => word ?? "_")].join(" "))?.[1];
    if (verb) report(list, verb);
  }
  return sites;
}

function inMessage(node: Node): boolean {
  for (let cur = node.parent; cur && cur.type !== "function_definition" && cur.type !== "module"; cur = cur.parent) {
    if (cur.type === "call" && MESSAGE_CALLS.test(calleeName(cur) ?? "")) return true;
  }
  return false;
}
