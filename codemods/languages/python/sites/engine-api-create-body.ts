// A Docker Engine API create body built by hand (`{"Image": ..., "HostConfig": {...}}`, or `attrs["Image"] = ...` and
// `attrs["HostConfig"]["Memory"] = ...`), which other code posts to `/containers/create` (a library, a socket client):
// the container gets the runtime only from `HostConfig["Runtime"]`. Where the body goes is out of sight, so it is
// reported: a human sets the runtime in the body.
import type { Node } from "web-tree-sitter";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";
import { descendants, enclosingFunctions, namedChildren, stringValue, unparenthesized } from "../syntax.js";

/** Whoever posts the body (a socket client, a controller it is returned to) is out of sight: say what to add, where. */
const reason = (runtimeIn: string) => `the body is sent to \`/containers/create\` as it is, by code this file does not show (a controller or library it is handed to): ${runtimeIn}`;

export function findEngineApiCreateBodies(mod: PyModule): Site[] {
  const found: { node: Node; wired: boolean; manual: string }[] = [];
  for (const dict of descendants(mod.tree.rootNode, "dictionary")) {
    const image = pairValue(dict, "Image");
    const hostConfig = pairValue(dict, "HostConfig");
    if (!image || !hostConfig) continue;
    const host = unparenthesized(hostConfig);
    found.push({ node: dict, wired: host?.type === "dictionary" && !!pairValue(host, "Runtime"), manual: reason('give its `"HostConfig"` a `"Runtime"` entry') });
  }
  // `body["Image"] = image` and `body["HostConfig"][...] = ...` in one function (or at module level).
  const byScope = new Map<string, { base: string; image: boolean; host: Node | null; runtime: boolean }>();
  for (const assign of descendants(mod.tree.rootNode, "assignment")) {
    const keys = subscriptKeys(assign.childForFieldName("left"));
    if (!keys || keys.keys.length === 0) continue;
    const scope = `${enclosingFunctions(assign)[0]?.startIndex ?? -1}:${keys.base}`;
    const entry = byScope.get(scope) ?? { base: keys.base, image: false, host: null, runtime: false };
    if (keys.keys[0] === "Image" && keys.keys.length === 1) entry.image = true;
    if (keys.keys[0] === "HostConfig") {
      entry.host ??= assign;
      if (keys.keys[1] === "Runtime") entry.runtime = true;
    }
    byScope.set(scope, entry);
  }
  for (const entry of byScope.values()) {
    const q = entry.host ? (subscriptQuote(entry.host) ?? '"') : '"';
    // setdefault, not an assignment: a `Runtime` the code that filled the body in already chose still wins.
    const manual = reason(`add \`${entry.base}[${q}HostConfig${q}].setdefault(${q}Runtime${q}, <the runtime>)\` beside its other HostConfig settings`);
    if (entry.image && entry.host) found.push({ node: entry.host, wired: entry.runtime, manual });
  }
  return found.map(({ node, wired, manual }) => ({
    mod,
    node,
    what: "a Docker Engine API create body",
    wiredWith: wired ? '"Runtime"' : null,
    ...(wired ? {} : { manual }),
    fix: () => [],
    hint: () => "",
  }));
}

/** The value of the pair whose key is the string `key`. */
function pairValue(dict: Node, key: string): Node | null {
  for (const pair of namedChildren(dict)) {
    if (pair.type === "pair" && stringValue(pair.childForFieldName("key")) === key) return pair.childForFieldName("value");
  }
  return null;
}

/** `body["HostConfig"]["Memory"]` → { base: "body", keys: ["HostConfig", "Memory"] }; null for anything else. */
function subscriptKeys(node: Node | null): { base: string; keys: string[] } | null {
  const keys: string[] = [];
  let cur = node;
  while (cur?.type === "subscript") {
    const key = stringValue(cur.childForFieldName("subscript"));
    if (key === null) return null;
    keys.unshift(key);
    cur = cur.childForFieldName("value");
  }
  return cur && (cur.type === "identifier" || cur.type === "attribute") && keys.length > 0 ? { base: cur.text, keys } : null;
}

/** The quote the assignment's keys are written with. */
function subscriptQuote(assign: Node): string | null {
  return /\[\s*(["'])HostConfig/.exec(assign.childForFieldName("left")?.text ?? "")?.[1] ?? null;
}
