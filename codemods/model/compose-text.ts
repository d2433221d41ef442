// What a compose document written by code looks like, for every language: the text a string or file holds, and the
// cheap test that lets a file that may write one into the analysis.
import { createRequire } from "node:module";

/** A compose document in a string: a top-level `services:` with an indented service that has an image or a build. */
export const COMPOSE_TEXT = /(^|\n)services:\s*\n[ \t]+[\w.-]+:\s*\n(?:[ \t]+.*\n)*?[ \t]+(image|build):/;

/** A path that names a compose file (`${dir}/docker-compose.yml`, `compose.override.yaml`). */
export const COMPOSE_FILE_PATH = /(^|[\\/'"`{}(\s])(docker-)?compose(\.[\w-]+)?\.ya?ml\b/;

/** Whether a source file may write a compose file at run time: a compose document in it, or `services` beside a YAML
 *  serializer. */
export function mayWriteCompose(text: string): boolean {
  return COMPOSE_TEXT.test(text) || (/\bservices\b/.test(text) && /yaml/i.test(text));
}

/** A `runtime:` key in a compose document's text: a YAML line indented under a service, or an object/dict key. The
 *  fallback where the document cannot be read service by service: a label `app.runtime=x` or prose does not count, a
 *  `runtime` key nested under `environment:` still does. */
const RUNTIME_KEY = /(^|\n)[ \t]+runtime[ \t]*:|["']runtime["'][ \t]*:/;

/** Whether every service of a compose document written by code declares a runtime. A document that is YAML text is read
 *  by its services (a key under `environment:` is not the service's); text with substitutions, or code that builds the
 *  data, falls back to a `runtime:` key anywhere. */
export function servicesDeclareRuntime(text: string): boolean {
  const services = yamlServices(text);
  if (services) return services.length > 0 && services.every((service) => service !== null && typeof service === "object" && "runtime" in service);
  return RUNTIME_KEY.test(text);
}

function yamlServices(text: string): unknown[] | null {
  if (!COMPOSE_TEXT.test(text)) return null;
  try {
    // Loaded only here: most runs never meet a compose document in code.
    const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
    const doc = parse(text) as { services?: unknown } | null;
    return doc && typeof doc.services === "object" && doc.services !== null ? Object.values(doc.services) : null;
  } catch {
    return null;
  }
}
