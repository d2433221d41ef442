// Docker's argv assembled by argument builders: `composeArgs(withArg('container', 'run'), withFlagArg('--detach', d),
// …)()` (VS Code's container client, for docker, podman and nerdctl alike). The subcommand is visible, the finished
// argv and the program that runs it are not: reported, with where the flag belongs. A builder chain that already
// names `--runtime` is wired.
import type { CallExpression } from "ts-morph";
import { Node } from "../ts-morph.js";
import { stringValue } from "../syntax-helpers.js";
import { isArgvRunner } from "./docker-argv.js";
import { toSite, type FileFacts, type SiteFinder } from "./types.js";

/** Whether the file's text has `'container', 'run'` (or `create`) at all: asked once per file. */
const pairs = new WeakMap<FileFacts, boolean>();
function holdsPair(facts: FileFacts): boolean {
  let holds = pairs.get(facts);
  if (holds === undefined) pairs.set(facts, (holds = /["'`]container["'`]\s*,\s*["'`](?:run|create)["'`]/.test(facts.text) && /docker|podman|nerdctl/i.test(facts.text)));
  return holds;
}

export const dockerArgvBuilder: SiteFinder = {
  kind: "docker-argv-builder",
  title: "`withArg('container', 'run')` in an argv builder chain: reported",
  accepts: (_call, facts) => holdsPair(facts),
  match(call: CallExpression, facts) {
    if (!holdsPair(facts)) return undefined;
    if (isArgvRunner(call)) return undefined;
    const values = call.getArguments().map((arg) => stringValue(arg));
    const at = values.findIndex((v, i) => v === "container" && (values[i + 1] === "run" || values[i + 1] === "create"));
    if (at < 0 || (at > 0 && /^(docker|podman|nerdctl)/.test(values[0] ?? ""))) return undefined;
    const verb = values[at + 1]!;
    // The chain the piece belongs to: the outermost call it is an argument of.
    let chain: Node = call;
    for (let parent = call.getParent(); parent && (Node.isCallExpression(parent) || Node.isParenthesizedExpression(parent)); parent = parent.getParent()) chain = parent;
    const label = `${call.getExpression().getText()}('container', '${verb}')`;
    if (/--runtime\b/.test(chain.getText())) return toSite("docker-argv-builder", call, label, { state: "wired" });
    const reason = `docker's \`container ${verb}\` argv is assembled by builders whose result crunify cannot see: add the flag to the chain (\`--runtime\` with the runtime its caller chooses, e.g. a named-argument builder) by hand`;
    return toSite("docker-argv-builder", call, label, { state: "manual", reason });
  },
};
