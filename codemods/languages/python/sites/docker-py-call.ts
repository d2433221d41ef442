// docker-py high-level API called directly: `client.containers.create(...)` / `client.containers.run(...)`.
// aiodocker spells it the same (`await docker.containers.create(config, name=...)`) but takes no `runtime` keyword (a
// TypeError on every call): its body carries the runtime, so such a call is reported with that fix.
import type { Node } from "web-tree-sitter";
import type { PyModule } from "../module-index.js";
import { findParam, kwargsParam } from "../owner-signature.js";
import { addKeyword, localDict, passedKeyword, type Site } from "../site.js";
import { findMethod } from "../scope.js";
import { classOfMethod, descendants, dictSplats, dockerPyCreateMethod, enclosingFunctions, namedChildren, stringValue, unparenthesized } from "../syntax.js";

const AIODOCKER_REASON = 'aiodocker\'s `containers.create/run(config, name=...)` takes no `runtime` keyword: set `config["HostConfig"]["Runtime"]` to the runtime in the body it posts';

export function findDockerPyCalls(mod: PyModule): Site[] {
  const sites: Site[] = [];
  const aiodocker = importsModule(mod, "aiodocker");
  const dockerPy = importsModule(mod, "docker");
  for (const call of mod.nodes("call")) {
    const verb = dockerPyCreateMethod(call.childForFieldName("function"));
    if (!verb) continue;
    const method = `containers.${verb}`;
    // docker-py's calls are synchronous: an awaited one is aiodocker's, as is any in a module that imports only aiodocker.
    if (aiodocker && (!dockerPy || awaited(call))) {
      // A body the module builds is reported where it is built (engine-api-create-body.ts), and wired once it says `"Runtime"`.
      if (/["']HostConfig["']/.test(mod.file.text)) continue;
      const wired = /["']Runtime["']/.test(positionalOrConfig(call)?.text ?? "") ? "HostConfig.Runtime" : null;
      sites.push({ mod, node: call, what: `aiodocker ${method}(...)`, wiredWith: wired, manual: AIODOCKER_REASON, fix: () => [], hint: () => "" });
      continue;
    }
    const note = [reusedByName(call), opaqueSplat(mod, call)].filter((n) => n !== null).join("; ");
    sites.push({
      mod,
      node: call,
      what: `${method}(...)`,
      ...(note ? { note } : {}),
      wiredWith: passedKeyword(call, "runtime"),
      fix: (runtime) => addKeyword(mod, call, "runtime", runtime),
      hint: (runtime) => `\`runtime=${runtime}\``,
    });
  }
  return sites;
}

/** `containers.run(image, **config)`: the runtime goes in before the dict (`**{"runtime": runtime, **config}`, so that
 *  a runtime the code chose keeps winning), and a `runtime` the dict holds outranks the one passed. The caller's own
 *  `**kwargs` is the caller choosing, and a dict built in the function is read (site.ts); a config from elsewhere
 *  (`**parse_container_config(cfg)`, `**self.settings`) may pin one out of sight: mle-bench's default container config
 *  says `"runtime": "sysbox-runc"`, which then beats `runtime="runc"` from any caller. */
function opaqueSplat(mod: PyModule, call: Node): string | null {
  const def = enclosingFunctions(call)[0];
  const opaque = (inner: Node | null, shown: Node, depth = 0): Node[] => {
    const value = unparenthesized(inner);
    if (!value || depth > 4) return [];
    // A literal, `dict(...)`: its own `**` parts are what may hide one.
    if (value.type === "dictionary") return namedChildren(value).filter((c) => c.type === "dictionary_splat").flatMap((c) => opaque(namedChildren(c)[0] ?? null, namedChildren(c)[0]!, depth + 1));
    if (value.type === "call" && value.childForFieldName("function")?.text === "dict") return dictSplats(value).flatMap((c) => opaque(namedChildren(c)[0] ?? null, namedChildren(c)[0]!, depth + 1));
    if (value.type === "identifier") {
      if (def && kwargsParam(def) === value.text) return [];
      // Bound in the function before the call, else (unless a parameter of that name hides it) at module level.
      const bound = localDict(call, value.text) ?? (def && findParam(def, value.text) ? null : mod.values.get(value.text) ?? null);
      if (bound) return opaque(bound, shown, depth + 1);
    }
    if (value.type === "attribute" && keptKwargs(call, value)) return [];
    return [shown];
  };
  const hidden = dictSplats(call).flatMap((splat) => opaque(namedChildren(splat)[0] ?? null, namedChildren(splat)[0]!));
  if (hidden.length === 0) return null;
  const shown = (h: Node) => (["identifier", "attribute", "call", "subscript", "parenthesized_expression"].includes(h.type) ? h.text : `(${h.text})`);
  const names = hidden.map((h) => `\`**${shown(h).length > 60 ? `${shown(h).slice(0, 57)}...` : shown(h)}\``).join(", ");
  return `${names} comes after the runtime: a \`runtime\` it holds (a config's) outranks the one passed here, even a caller's explicit one`;
}

/** `self.opts` that the class's `__init__` sets to its own `**kwargs`: what its callers chose, as the call's own are. */
function keptKwargs(call: Node, attr: Node): boolean {
  const object = attr.childForFieldName("object")?.text;
  const cls = enclosingFunctions(call).map(classOfMethod).find((c) => c !== null);
  const init = object === "self" && cls ? findMethod(cls, "__init__") : null;
  const kwargs = init ? kwargsParam(init) : null;
  if (!init || !kwargs) return false;
  return descendants(init, "assignment").some((a) => a.childForFieldName("left")?.text === attr.text && unparenthesized(a.childForFieldName("right"))?.text === kwargs);
}

/** `containers.get(name)` beside the create in one function: a container made before is reused as it is, whatever
 *  runtime it was made with (intercode's `get_container` names its containers after the image and keeps them). A get
 *  in a function nested there (an atexit `cleanup()`), or by the id the create returned (`containers.get(self._id)`)
 *  or only to stop or remove it, finds the container this function made: nothing reused (autogen's Jupyter server). */
function reusedByName(call: Node): string | null {
  const fn = enclosingFunctions(call)[0];
  if (!fn) return null;
  const calls = descendants(fn, "call").filter((c) => enclosingFunctions(c)[0]?.equals(fn));
  const gets = calls.some((c) => /(^|\.)containers\.get$/.test(c.childForFieldName("function")?.text ?? "") && !findsOwnContainer(c, fn));
  const lists = !gets && calls.some((c) => picksListedByName(c, fn));
  if (!gets && !lists) return null;
  const name = fn.childForFieldName("name")?.text ?? "the function";
  const how = gets ? "containers.get" : "containers.list(filters={\"name\": …})";
  return `${name}() reuses a container it finds by name (\`${how}\`): one created before keeps the runtime it was created with, whatever runtime its caller asks for now`;
}

/** `found = containers.list(all=True, filters={"name": n})` and then `found[0]` taken as the container, or
 *  `containers.list(filters=…)[0]` (R2E-Gym's start_container). A loop that removes what it lists reuses nothing. */
function picksListedByName(call: Node, fn: Node): boolean {
  if (!/(^|\.)containers\.list$/.test(call.childForFieldName("function")?.text ?? "")) return false;
  const filters = namedChildren(call.childForFieldName("arguments")).find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === "filters");
  const dict = filters?.childForFieldName("value");
  if (dict?.type !== "dictionary" || !namedChildren(dict).some((pair) => pair.type === "pair" && stringValue(pair.childForFieldName("key")) === "name")) return false;
  if (call.parent?.type === "subscript") return true;
  return (usesOfResult(call, fn) ?? []).some((id) => id.parent?.type === "subscript" && id.parent.childForFieldName("value")?.equals(id) === true);
}

const TEARDOWN = new Set(["stop", "remove", "kill", "wait", "logs"]);

/** `containers.get(container.id)`, `containers.get(self._container_id)`, or a get only to tear down what it finds:
 *  `containers.get(x).stop()`, or `old = containers.get(name)` whose every use is `old.remove(force=True)` (SWE-bench
 *  removes a stale container of the name before it creates a new one: nothing is reused). */
function findsOwnContainer(get: Node, fn: Node): boolean {
  const arg = get.childForFieldName("arguments")?.namedChildren.find((n) => n !== null && n.type !== "comment");
  if (arg && /(^|[._])id$/i.test(arg.text)) return true;
  if (tearsDown(get)) return true;
  const uses = usesOfResult(get, fn);
  return !!uses && uses.length > 0 && uses.every((use) => tearsDown(use));
}

/** The later uses of the name `call`'s result is assigned to (`old = containers.get(n)`), or null when it is not. */
function usesOfResult(call: Node, fn: Node): Node[] | null {
  const assign = call.parent;
  const target = assign?.type === "assignment" && assign.childForFieldName("right")?.equals(call) ? assign.childForFieldName("left") : null;
  if (target?.type !== "identifier") return null;
  return descendants(fn, "identifier").filter((id) => id.text === target.text && !id.equals(target));
}

/** `<node>.stop()`, `<node>.remove(...)`: the node's container is called only to be stopped or removed. */
function tearsDown(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === "attribute" && parent.childForFieldName("object")?.equals(node) === true && TEARDOWN.has(parent.childForFieldName("attribute")?.text ?? "") && parent.parent?.type === "call";
}

function importsModule(mod: PyModule, name: string): boolean {
  return [...mod.imports.values()].some((b) => b.module === name || b.module.startsWith(`${name}.`));
}

function awaited(call: Node): boolean {
  let node = call.parent;
  while (node?.type === "parenthesized_expression") node = node.parent;
  return node?.type === "await";
}

/** The body handed to the call (`create(config, ...)` / `create(config=...)`), when it is written there. */
function positionalOrConfig(call: Node): Node | null {
  const args = call.childForFieldName("arguments");
  const first = args?.namedChildren.find((n) => n !== null && n.type !== "comment") ?? null;
  if (first && first.type !== "keyword_argument") return first;
  return args?.namedChildren.find((n) => n?.type === "keyword_argument" && n.childForFieldName("name")?.text === "config")?.childForFieldName("value") ?? null;
}
