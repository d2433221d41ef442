// A compose argv assembled in steps (`cmd = ["docker", "compose", "-f", f]`, then `cmd += ["up", "-d"]`, or
// `cmd = cmd + command` with the subcommand from a caller): inspect_ai's sandbox runs every compose command so. Compose
// takes the runtime as OCI_RUNTIME in the environment of the call that runs it, which crunify does not follow the list
// to: reported wherever the subcommand may be up, run or create, including where it comes from elsewhere.
import type { Node } from "web-tree-sitter";
import { COMPOSE_CREATING, composeArguments, composeSubcommand } from "../../../model/docker-cli.js";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";
import { assignedList } from "./docker-argv-incremental.js";
import { descendants, namedChildren, positionalArgs, stringValue, unparenthesized } from "../syntax.js";


/** The words after `docker compose` / `docker-compose`, or null when the list is not a compose command's start. */
function composeWords(values: (string | null)[]): (string | null)[] | null {
  return values.length > 0 ? composeArguments(values[0], values.slice(1)) : null;
}

/** What `node` adds to the list named `name`: known words, or `unknown` (a computed list or item). */
function added(node: Node, name: string): { words: (string | null)[] } | { unknown: Node } | null {
  let value: Node | null = null;
  let single = false;
  if (node.type === "augmented_assignment" && node.childForFieldName("left")?.text === name && node.childForFieldName("operator")?.text === "+=") value = node.childForFieldName("right");
  else if (node.type === "binary_operator" && node.childForFieldName("operator")?.text === "+" && unparenthesized(node.childForFieldName("left"))?.text === name) value = node.childForFieldName("right");
  else if (node.type === "call") {
    const fn = node.childForFieldName("function");
    const method = fn?.type === "attribute" && fn.childForFieldName("object")?.text === name ? fn.childForFieldName("attribute")?.text : undefined;
    if (method !== "extend" && method !== "append") return null;
    value = positionalArgs(node)[0] ?? null;
    single = method === "append";
  }
  value = unparenthesized(value);
  if (!value) return null;
  if (single) return stringValue(value) !== null ? { words: [stringValue(value)] } : { unknown: value };
  return value.type === "list" || value.type === "tuple" ? { words: namedChildren(value).map((item) => stringValue(item)) } : { unknown: value };
}

export function findIncrementalComposeArgv(mod: PyModule): Site[] {
  const sites: Site[] = [];
  for (const list of mod.nodes("list")) {
    const words = composeWords(namedChildren(list).map((item) => stringValue(item)));
    // A subcommand in the literal itself is the compose-call finder's.
    if (!words || composeSubcommand(words) !== undefined) continue;
    const assigned = assignedList(list);
    if (!assigned || assigned.scope.text.includes("OCI_RUNTIME")) continue;
    const { assign, target, scope } = assigned;
    for (const node of descendants(scope, ["augmented_assignment", "binary_operator", "call", "return_statement"]).filter((n) => n.startIndex > assign.endIndex)) {
      // `return cmd` before any subcommand: the callers add it (testcontainers' `[*self.compose_command_property, "up"]`).
      const returned = node.type === "return_statement" && unparenthesized(namedChildren(node)[0] ?? null)?.text === target.text;
      const step = returned ? { unknown: node } : added(node, target.text);
      if (!step) continue;
      let reason: string;
      if (returned) {
        reason = `it is returned without its subcommand, which its callers add: where one adds up, run or create,`;
      } else if ("unknown" in step) {
        reason = `its subcommand comes from \`${step.unknown.text}\`, which crunify cannot read: where that may be up, run or create,`;
      } else {
        words.push(...step.words);
        const verb = composeSubcommand(words);
        if (verb === undefined) continue;
        if (!COMPOSE_CREATING.has(verb)) break;
        reason = `it is built in steps, which crunify does not follow to where it runs:`;
      }
      sites.push({
        mod,
        node,
        what: "docker compose argv built step by step",
        wiredWith: null,
        manual: `${reason} pass OCI_RUNTIME in the environment of the call that runs it (\`env={**os.environ, "OCI_RUNTIME": runtime}\`), which the compose files read as \`runtime: \${OCI_RUNTIME:-crun}\``,
        fix: () => [],
        hint: () => "",
      });
      break;
    }
  }
  return sites;
}
