// Libraries whose container classes take the OCI runtime as a `runtime` keyword and hand it to docker-py themselves:
// NeMo-Run's `DockerExecutor(container_image=..., runtime=...)` (its DockerContainer.run passes
// `runtime=self.executor.runtime` to `containers.run`, where `additional_kwargs` may still override it). A call that
// passes one already (`runtime="nvidia"`) keeps it.
import type { Node } from "web-tree-sitter";
import type { PyModule } from "../module-index.js";
import { addKeyword, dictValue, passedKeyword, type Site } from "../site.js";
import { keywordArg, unparenthesized } from "../syntax.js";
import { insideLibrary } from "./library-docker-args.js";

interface LibraryClass {
  library: string;
  module: RegExp;
  name: string;
  /** A dict keyword whose entries the library applies after its own (a `"runtime"` there wins over the keyword). */
  overrides?: string;
}

const CLASSES: LibraryClass[] = [{ library: "NeMo-Run", module: /^nemo_run(\.|$)/, name: "DockerExecutor", overrides: "additional_kwargs" }];

export const LIBRARY_RUNTIME_CLASS = /\bDockerExecutor\b/;

export function findLibraryRuntimeKeywords(mod: PyModule): Site[] {
  const sites: Site[] = [];
  for (const call of mod.nodes("call")) {
    const cls = libraryClassOf(mod, call);
    if (!cls) continue;
    const overridden = cls.overrides ? overridingRuntime(call, cls.overrides) : null;
    sites.push({
      mod,
      node: call,
      what: `${call.childForFieldName("function")!.text}(...)`,
      via: `${cls.library} ${cls.name}`,
      wiredWith: passedKeyword(call, "runtime") ?? overridden,
      fix: (runtime) => addKeyword(mod, call, "runtime", runtime),
      hint: (runtime) => `\`runtime=${runtime}\``,
    });
  }
  return sites;
}

/** The library class a call builds: its callee is the class imported from the library (`DockerExecutor`, also under
 *  another name), or an attribute of the library's module (`run.DockerExecutor` after `import nemo_run as run`). */
function libraryClassOf(mod: PyModule, call: Node): LibraryClass | undefined {
  const fn = call.childForFieldName("function");
  let module: string | undefined;
  let name: string | undefined;
  if (fn?.type === "identifier") {
    const binding = mod.imports.get(fn.text);
    if (binding?.name) [module, name] = [binding.module, binding.name];
  } else if (fn?.type === "attribute") {
    const binding = mod.imports.get(fn.childForFieldName("object")?.text ?? "");
    if (binding) [module, name] = [binding.name === null ? binding.module : `${binding.module}.${binding.name}`, fn.childForFieldName("attribute")?.text];
  }
  if (module === undefined || name === undefined) return undefined;
  return CLASSES.find((cls) => cls.name === name && cls.module.test(module) && !insideLibrary(mod, cls));
}

/** `additional_kwargs={"runtime": "nvidia"}`: applied after the keyword, so that runtime is the container's. */
function overridingRuntime(call: Node, keyword: string): string | null {
  const value = unparenthesized(keywordArg(call, keyword)?.childForFieldName("value") ?? null);
  return value ? dictValue(value, "runtime") : null;
}

