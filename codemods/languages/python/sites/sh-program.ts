// Which container program a call runs through the sh library: `sh.docker(...)`, or `docker_compose(...)` imported
// from sh (sh turns underscores into dashes: `docker_compose` runs `docker-compose`).
import type { Node } from "web-tree-sitter";
import type { PyModule } from "../module-index.js";

const PROGRAMS: Record<string, string> = { docker: "docker", docker_compose: "docker-compose", podman: "podman", podman_compose: "podman-compose" };

/** The program an sh callee runs (`sh.docker`, `docker` imported from sh), or null. */
export function shProgram(mod: PyModule, fn: Node | null): string | null {
  if (fn?.type === "identifier") {
    const binding = mod.imports.get(fn.text);
    return binding?.module === "sh" && binding.name ? (PROGRAMS[binding.name] ?? null) : null;
  }
  if (fn?.type === "attribute") {
    const object = fn.childForFieldName("object");
    const binding = object?.type === "identifier" ? mod.imports.get(object.text) : undefined;
    return binding?.module === "sh" && binding.name === null ? (PROGRAMS[fn.childForFieldName("attribute")?.text ?? ""] ?? null) : null;
  }
  return null;
}

