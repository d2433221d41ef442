// The docker CLI through the `sh` library: `sh.docker("run", "-d", image)`, `from sh import docker_compose` then
// `docker_compose("up", "-d", _cwd=path)`. sh turns the attribute into the program (`docker_compose` runs
// `docker-compose`) and the positional arguments into its argv, so `docker run` takes `"--runtime", <expr>` after the
// subcommand, as a call to the package's own docker helper does; compose takes OCI_RUNTIME in `_env`, which replaces
// the child's whole environment, as subprocess's `env` does.
import type { Node } from "web-tree-sitter";
import { CREATE_SUBCOMMANDS } from "../../../model/docker-cli.js";
import { insertListItemAfter } from "../insert.js";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";
import { callArguments, positionalArgs, stringValue } from "../syntax.js";
import { isRuntimeFlag } from "./docker-argv.js";
import { composeVerb, variableInChildEnvironment } from "./docker-compose-call.js";
import { shProgram } from "./sh-program.js";
import type { FinderContext } from "./index.js";

/** `import sh` / `from sh import docker`: the file may run a program through sh. The word first, then what stands
 *  before it: a scan for a word is several times cheaper than one that tries every line start. */
export const IMPORTS_SH = /\bsh\b(?<=^[ \t]*(?:import|from)[ \t]+sh)/m;

export function findShLibraryCommands(mod: PyModule, ctx: FinderContext): Site[] {
  const sites: Site[] = [];
  for (const call of mod.nodes("call")) {
    const program = shProgram(mod, call.childForFieldName("function"));
    if (!program) continue;
    const args = positionalArgs(call);
    const values = args.map((arg) => stringValue(arg));
    const compose = composeVerb([program, ...values]);
    if (compose) {
      sites.push(composeSite(mod, call, program, compose, ctx.options.runtimeVariable ?? "OCI_RUNTIME"));
      continue;
    }
    if (program !== "docker" && program !== "podman") continue;
    const subcommand = values[0] === "container" ? args[1] : args[0];
    const verb = stringValue(subcommand ?? null);
    if (!subcommand || !verb || !CREATE_SUBCOMMANDS.has(verb)) continue;
    const q = mod.quote;
    const flag = args.find(isRuntimeFlag);
    sites.push({
      mod,
      node: call,
      what: `${call.childForFieldName("function")!.text}(${q}${verb}${q}, ...) (sh)`,
      wiredWith: flag ? (flag.nextNamedSibling?.text ?? flag.text) : null,
      fix: (runtime) => insertListItemAfter(mod.file.text, callArguments(call)!, subcommand, `${q}--runtime${q}, ${runtime}`),
      hint: (runtime) => `\`${q}--runtime${q}, ${runtime}\` after \`${q}${verb}${q}\``,
    });
  }
  return sites;
}

function composeSite(mod: PyModule, call: Node, program: string, verb: string, variable: string): Site {
  const what = `${program === "docker" ? "docker compose" : program} ${verb} (sh)`;
  return { mod, node: call, what, ...variableInChildEnvironment(mod, call, "_env", variable) };
}
