// Docker's argv handed to a runner crunify does not know: `Terminal.exec(server, socket, name, "docker", ["compose",
// "up", "-d"], cwd)`, `this.queue.run("docker", ["run", ...])`. The argv is docker's, but how and where it runs is the
// runner's (a pty, a job queue, another host): reported, as a command handed to another object's method is. Only
// calls no other finder took reach this one (spawn, execa, execFile and tinyexec are known runners).
import type { CallExpression } from "ts-morph";
import { isRuntimeFlagText } from "../../../model/docker-cli.js";
import { Node } from "../ts-morph.js";
import { followIdentifier, skipOuter, stringValue } from "../syntax-helpers.js";
import { concatBase, isArgvRunner } from "./docker-argv.js";
import { composeHelperCall, composeVerb, subcommandFromCaller } from "./docker-compose-call.js";
import { toSite, type FileFacts, type SiteFinder } from "./types.js";

const ENGINE = /^(docker|podman|nerdctl|docker-compose|podman-compose)(\.exe)?$/;

/** The engine as a string literal that opens an argument or an array (`run("docker", …)`, `["docker", "run"]`; also
 *  in parentheses, after `<T>` or a comment): what both ways below begin with. A file that only names it elsewhere
 *  (`{ datasource: "docker" }`) holds no such argv, and its calls are not followed. */
const LEADS = new RegExp(String.raw`[[(,>](?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*\n)*["'\`](?:[^"'\`\n]*[\\/])?(?:docker|podman|nerdctl|docker-compose|podman-compose)(?:\.exe)?["'\`]`);
const leads = new WeakMap<FileFacts, boolean>();
function leadsAnArgument(facts: FileFacts): boolean {
  let found = leads.get(facts);
  if (found === undefined) leads.set(facts, (found = LEADS.test(facts.text)));
  return found;
}

export const dockerArgvUnknownRunner: SiteFinder = {
  kind: "docker-argv-unknown-runner",
  title: "docker's `run|create` or `compose up|run|create` argv handed to a runner crunify does not know: reported",
  accepts: (_call, facts) => facts.commands.engineWord && leadsAnArgument(facts),
  match(call: CallExpression, facts) {
    // A known runner's argv is the other finders' to judge (a `spawn("docker", ["ps"])` is no site at all).
    if (!facts.commands.engineWord || isArgvRunner(call)) return undefined;
    const args = call.getArguments();
    const runner = skipOuter(call.getExpression()).getText();
    // `run(["docker", "run", ...], options)` (@backstage/cli-common): the program leads the one argv it is handed.
    for (const arg of args) {
      const whole = followIdentifier(arg);
      const [first, ...rest] = whole && Node.isArrayLiteralExpression(whole) ? whole.getElements() : [];
      const engine = stringValue(first);
      if (engine === undefined || !ENGINE.test(engine.split(/[\\/]/).at(-1) ?? "")) continue;
      const unwired = unwiredCreation(engine, rest.map((e) => stringValue(e)), false);
      if (!unwired) return undefined;
      const { composes, subcommand } = unwired;
      return unknownRunnerSite(call, runner, `[${JSON.stringify(engine)}, ${composes ? "compose" : subcommand}, …]`, composes, subcommand, facts.variable);
    }
    for (let i = 0; i + 1 < args.length; i++) {
      const engine = stringValue(skipOuter(args[i]!));
      if (engine === undefined || !ENGINE.test(engine.split(/[\\/]/).at(-1) ?? "")) continue;
      // `["run", "--rm"].concat(flags, [image])` (serverless' invoke local): the literal the chain starts from.
      const given = followIdentifier(args[i + 1]!);
      const argv = concatBase(given) ?? given;
      const helper = composeHelperCall(args[i + 1]);
      if (helper) {
        const reason = `docker's argv comes from \`${helper.getText()}\` and goes to \`${runner}(...)\`, which crunify does not know as a runner: where it brings services up, give that \`docker compose\` \`${facts.variable}\` in its environment, by hand`;
        return toSite("docker-argv-unknown-runner", call, `${runner}(${i > 0 ? "…, " : ""}"${engine}", ${helper.getText()})`, { state: "manual", reason });
      }
      if (!argv || !Node.isArrayLiteralExpression(argv)) return undefined;
      // `runProcess("docker-compose", ["-f", f, ...composeArgs])`: its subcommand (up, perhaps) comes from the caller.
      const unwired = unwiredCreation(engine, argv.getElements().map((e) => stringValue(e)), subcommandFromCaller(engine, argv) !== undefined);
      if (!unwired) return undefined;
      const { composes, subcommand } = unwired;
      return unknownRunnerSite(call, runner, `${i > 0 ? "…, " : ""}"${engine}", [${composes ? "compose" : subcommand}, …]`, composes, subcommand, facts.variable);
    }
    return undefined;
  },
};

/** What docker's argv words (after the program) do: create a container not yet given a runtime, or bring compose
 *  services up; undefined when neither, or when the creation already names its runtime. */
function unwiredCreation(engine: string, words: (string | undefined)[], composeFromCaller: boolean) {
  const subcommand = words[words[0] === "container" ? 1 : 0];
  const creates = subcommand === "run" || subcommand === "create";
  const composes = composeFromCaller || composeVerb(engine, words) !== undefined;
  if (!creates && !composes) return undefined;
  if (creates && words.some((w) => w !== undefined && isRuntimeFlagText(w))) return undefined;
  return { composes, subcommand };
}

function unknownRunnerSite(call: CallExpression, runner: string, argv: string, composes: boolean, subcommand: string | undefined, variable: string) {
  const how = composes ? `give that \`docker compose\` \`${variable}\` in its environment` : `add \`"--runtime", runtime\` after \`${subcommand}\``;
  const reason = `docker's argv goes to \`${runner}(...)\`, which crunify does not know as a runner: ${how} where it runs, by hand`;
  return toSite("docker-argv-unknown-runner", call, `${runner}(${argv})`, { state: "manual", reason });
}
