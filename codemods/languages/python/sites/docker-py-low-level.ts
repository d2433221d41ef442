// docker-py's low-level APIClient: the runtime belongs in `create_host_config(...)`; a `create_container(...)` without a
// host config gets one; one whose host config comes some other way (or that is called by name, or handed to a thread)
// is reported.
import type { PyModule } from "../module-index.js";
import type { Node } from "web-tree-sitter";
import { addKeyword, localDict, passedKeyword, type Site } from "../site.js";
import { boundInFunction } from "../local-bindings.js";
import { descendants, dictSplats, enclosingFunctions, namedChildren, positionalArgs, stringValue, unparenthesized } from "../syntax.js";

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
    const indirect = docker ? createContainerIndirectly(mod, call) : null;
    if (indirect) {
      sites.push(indirect);
      continue;
    }
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
    } else if (method === "create_container" && (docker || /api|docker/i.test(object.text.split(".").at(-1)!))) {
      const site = createContainerSite(mod, call, object.text);
      if (site) sites.push(site);
    }
  }
  return sites;
}

/** A `create_container(...)`: without a host config it gets one; one that `create_host_config` builds is that call's
 *  site; one built any other way (a dict, a parameter, `docker.types.HostConfig`), or `**kwargs` that may carry one,
 *  is reported: a host config passed whole replaces the one crunify would add. */
function createContainerSite(mod: PyModule, call: Node, client: string): Site | null {
  const base = { mod, node: call, wiredWith: null, hint: (runtime: string) => `\`host_config=${client}.create_host_config(runtime=${runtime})\`` };
  const given = passedKeyword(call, "host_config");
  if (given !== null) {
    if (builtByCreateHostConfig(mod, given, call)) return null;
    const manual = `its host config is built elsewhere (\`host_config=${given}\`): pass the runtime where it is built (\`create_host_config(runtime=...)\`, \`HostConfig(runtime=...)\`, or a "Runtime" key)`;
    return { ...base, what: "create_container(host_config=...)", manual, fix: () => [] };
  }
  const hidden = dictSplats(call).map((splat) => unparenthesized(namedChildren(splat)[0] ?? null)).find((inner) => inner && !knownDict(call, inner));
  if (hidden && !buildsHostConfigBefore(call)) {
    const manual = `its keyword arguments come from \`**${hidden.text}\`, which may carry a host config of its own: pass \`host_config=${client}.create_host_config(runtime=...)\` where they are built`;
    return { ...base, what: "create_container(**...)", manual, fix: () => [] };
  }
  return { ...base, what: "create_container(...) without host_config", fix: (runtime) => addKeyword(mod, call, "host_config", `${client}.create_host_config(runtime=${runtime})`) };
}

/** `create_container` called by name (`self.docker("create_container", image, **kwargs)`) or handed to a runner
 *  (`asyncio.to_thread(self.client.create_container, image)`): reported unless a host config that
 *  `create_host_config` builds goes with it (that call is then the site). */
function createContainerIndirectly(mod: PyModule, call: Node): Site | null {
  const args = positionalArgs(call);
  const byName = stringValue(args[0] ?? null) === "create_container";
  const passed = handedCreateContainer(call);
  const handed = passed && looksLikeApiClient(passed.childForFieldName("object")?.text ?? "") ? passed : undefined;
  if (!byName && !handed) return null;
  const how = byName ? `\`create_container\` called by name through \`${call.childForFieldName("function")?.text}(...)\`` : `\`${handed!.text}\` handed to \`${call.childForFieldName("function")?.text}(...)\``;
  const given = passedKeyword(call, "host_config");
  if (given !== null ? builtByCreateHostConfig(mod, given, call) : buildsHostConfigBefore(call)) return null;
  const manual = `${how}: give it \`host_config=<client>.create_host_config(runtime=...)\` by hand${given !== null ? ` (its host config, \`${given}\`, is built elsewhere)` : ""}`;
  return { mod, node: call, what: "create_container(...)", wiredWith: null, manual, fix: () => [], hint: () => "" };
}

/** `x.create_container` passed as an argument (`asyncio.to_thread(x.create_container, image)`), not called. */
export function handedCreateContainer(call: Node): Node | undefined {
  return positionalArgs(call).find((a) => a.type === "attribute" && a.childForFieldName("attribute")?.text === "create_container");
}

/** The function builds a host config with `create_host_config` before the call: it goes in the arguments some way
 *  crunify does not follow (`kwargs.setdefault("host_config", {}).update(hc)`), and that call is the site. */
function buildsHostConfigBefore(call: Node): boolean {
  const fn = enclosingFunctions(call)[0];
  return !!fn && descendants(fn, "call").some((c) => c.startIndex < call.startIndex && c.childForFieldName("function")?.childForFieldName("attribute")?.text === "create_host_config");
}

/** `create_host_config(...)` itself, a name or attribute some assignment of the module binds to one, or a call of the
 *  module's own helper that builds one (`self._host_config()`). */
function builtByCreateHostConfig(mod: PyModule, value: string, call: Node): boolean {
  const builds = (text: string) => text.includes("create_host_config") || helperBuilds(mod, text);
  if (builds(value)) return true;
  if (!/^[A-Za-z_][\w.]*$/.test(value)) return false;
  const bindings = (within: Node) => descendants(within, "assignment").filter((a) => a.childForFieldName("left")?.text === value);
  // A plain name is the function's own when it binds it (or takes it as a parameter), the module's otherwise.
  const fn = enclosingFunctions(call)[0];
  const local = fn && !value.includes(".") ? bindings(fn) : [];
  const bound = local.length > 0 || (fn && !value.includes(".") && boundInFunction(value, call)) ? local : bindings(mod.tree.rootNode);
  return bound.some((a) => builds(a.childForFieldName("right")?.text ?? ""));
}

function helperBuilds(mod: PyModule, text: string): boolean {
  const callee = /^([A-Za-z_][\w.]*)\s*\(/.exec(text)?.[1]?.split(".").at(-1);
  return !!callee && descendants(mod.tree.rootNode, "function_definition").some((fn) => fn.childForFieldName("name")?.text === callee && fn.text.includes("create_host_config"));
}

/** A `**` argument whose keys are all in sight: a dict literal, or a local bound to one that nothing adds keys to. */
function knownDict(call: Node, inner: Node): boolean {
  if (inner.type === "dictionary") return !namedChildren(inner).some((item) => item.type === "dictionary_splat");
  if (inner.type !== "identifier") return false;
  const fn = enclosingFunctions(call)[0];
  if (!fn) return false;
  const name = inner.text;
  const value = localDict(call, name);
  const literal = value?.type === "dictionary" || (value?.type === "call" && value.childForFieldName("function")?.text === "dict" && dictSplats(value).length === 0);
  const grown = descendants(fn, ["assignment", "call"]).some(
    (n) =>
      (n.type === "assignment" && n.childForFieldName("left")?.type === "subscript" && n.childForFieldName("left")!.childForFieldName("value")?.text === name) ||
      (n.type === "call" && /^(update|setdefault)$/.test(n.childForFieldName("function")?.childForFieldName("attribute")?.text ?? "") && n.childForFieldName("function")?.childForFieldName("object")?.text === name),
  );
  return literal && !grown;
}
