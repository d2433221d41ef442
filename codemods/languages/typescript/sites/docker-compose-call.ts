// `docker compose up` / `docker-compose run` started as an argv (spawn, execa, execFile), as the Python frontend reads
// one. Compose has no `--runtime` flag: the compose files read `runtime: ${OCI_RUNTIME:-crun}` (the compose frontend
// adds it), so the call passes the runtime as that variable in the child's environment:
// `{ env: { ...process.env, OCI_RUNTIME: runtime } }` (execa extends process.env itself; child_process needs the spread).
import type { ArrayLiteralExpression, CallExpression, SpreadElement } from "ts-morph";
import { COMPOSE_CREATING, composeArguments, composeSubcommand, isDockerExecutableName } from "../../../model/docker-cli.js";
import { Node, SyntaxKind } from "../ts-morph.js";
import { appendItem, insertAt } from "../list-insert.js";
import { followIdentifier, objectShape, propertyNamed, skipOuter, stringValue } from "../syntax-helpers.js";
import { runsElsewhere, toSite, type Analysis, type SiteFinder } from "./types.js";

const RUNNERS = new Set(["spawn", "spawnSync", "execFile", "execFileSync", "execa", "execaSync"]);
const COMPOSE_EXECUTABLE = /^(docker-compose|podman-compose)(\.exe)?$/;

export const dockerComposeCall: SiteFinder = {
  kind: "docker-compose-call",
  title: "`docker compose up|run|create` argv (spawn, execa, execFile): the runtime as OCI_RUNTIME in the child's environment",
  accepts: (call, facts) => facts.commands.compose && call.name !== undefined && RUNNERS.has(call.name),
  match(call, facts) {
    const name = call.getExpression().getText().split(".").at(-1)!;
    const [exe, second] = call.getArguments();
    if (!RUNNERS.has(name) || !exe || !second || !facts.commands.compose) return undefined;
    const argv = followIdentifier(second);
    const helper = isDockerExecutableName(stringValue(exe) ?? "") ? composeHelperCall(second) : undefined;
    if (helper) {
      const reason = `the compose command line comes from \`${helper.getText()}\`: where it brings services up, pass \`${facts.variable}\` in the child's environment by hand`;
      return toSite("docker-compose-call", call, `${name}(${exe.getText()}, ${helper.getText()})`, { state: "manual", reason });
    }
    if (!argv || !Node.isArrayLiteralExpression(argv)) {
      // `spawn("docker-compose", args)` with `args` pushed together elsewhere (runtipi): compose, and `up` may be in it.
      if (!COMPOSE_EXECUTABLE.test(stringValue(exe)?.split(/[\\/]/).at(-1) ?? "")) return undefined;
      const reason = `its arguments are built elsewhere (\`${second.getText()}\`): where they bring services up (up, run, create), pass \`${facts.variable}\` in the child's environment by hand`;
      return toSite("docker-compose-call", call, `${name}(${exe.getText()}, ${second.getText()})`, { state: "manual", reason });
    }
    const verb = composeVerb(stringValue(exe), argv.getElements().map((e) => stringValue(e)));
    if (!verb) {
      const spread = subcommandFromCaller(stringValue(exe), argv);
      if (!spread) return undefined;
      const reason = `the compose subcommand comes from \`${spread.getText()}\`: where it brings services up (up, run, create), pass \`${facts.variable}\` in the child's environment by hand`;
      return toSite("docker-compose-call", call, `${name}(docker compose ${spread.getText()})`, { state: "manual", reason });
    }
    const elsewhere = runsElsewhere(call);
    const label = `${name}(docker compose ${verb})`;
    return toSite("docker-compose-call", call, label, elsewhere ? { state: "manual", reason: elsewhere } : withEnv(call, facts.variable));
  },
};

/** `("docker", ["compose", ..., "up"])`, `("docker-compose", ["-f", f, "run", ...])`: the creating verb, or undefined. */
export function composeVerb(exe: string | undefined, values: (string | undefined)[]): string | undefined {
  const rest = composeRest(exe, values);
  const verb = rest && composeSubcommand(rest);
  return verb && COMPOSE_CREATING.has(verb) ? verb : undefined;
}

/** `("docker-compose", ["-f", file, ...composeArgs])`: a compose command line whose literal elements name no subcommand,
 *  which comes from the caller in the spread (`up` may be among it). The spread, or undefined. */
export function subcommandFromCaller(exe: string | undefined, argv: ArrayLiteralExpression): SpreadElement | undefined {
  const rest = composeRest(exe, argv.getElements().map((e) => stringValue(e)));
  return rest && composeSubcommand(rest) === undefined ? argv.getElements().find(Node.isSpreadElement) : undefined;
}

/** `this.getComposeOptions("up", "-d")`: a helper named for compose that builds the command line around a creating
 *  subcommand it is handed (dockge's stacks). The call, or undefined. */
export function composeHelperCall(node: Node | undefined): CallExpression | undefined {
  const call = node && skipOuter(node);
  if (!call || !Node.isCallExpression(call)) return undefined;
  const name = call.getExpression().getText().split(".").at(-1) ?? "";
  return /compose/i.test(name) && call.getArguments().some((a) => COMPOSE_CREATING.has(stringValue(a) ?? "")) ? call : undefined;
}

/** The arguments after `docker-compose` / `docker compose`; undefined when the command is not compose. */
function composeRest(exe: string | undefined, values: (string | undefined)[]): (string | undefined)[] | undefined {
  return composeArguments(exe, values) ?? undefined;
}

/** The runtime in the options' `env` (the argument at `optionsAt`: 2 for `spawn(file, args, options)`, 1 for
 *  `execaCommand(command, options)`). */
export function withEnv(call: CallExpression, variable: string, optionsAt = 2): Analysis {
  const options = call.getArguments()[optionsAt];
  const pair = (rt: string) => `${variable}: ${rt}`;
  const fresh = (rt: string) => `{ env: { ...process.env, ${pair(rt)} } }`;
  const plan = (edits: (rt: string) => ReturnType<typeof insertAt>[]): Analysis => ({
    state: "fixable",
    plan: (rt) => ({ edits: edits(rt.expr), what: `\`${variable}: ${rt.expr}\` in the child's environment` }),
  });
  const last = call.getArguments().at(-1);
  if (!options && !last) {
    // `compose.upAll()`: the options become the only argument.
    const open = call.getFirstChildByKind(SyntaxKind.OpenParenToken);
    if (open) return plan((rt) => [insertAt(open.getEnd(), fresh(rt))]);
  }
  if (!options && last) return plan((rt) => [insertAt(last.getEnd(), `, ${fresh(rt)}`)]);
  if (!options) return { state: "manual", reason: `pass \`${variable}\` in the options' \`env\` by hand` };
  const inner = skipOuter(options);
  // `execFile(file, args, callback)`: the options go before the callback.
  if (Node.isArrowFunction(inner) || Node.isFunctionExpression(inner)) return plan((rt) => [insertAt(options.getStart(), `${fresh(rt)}, `)]);
  if (!Node.isObjectLiteralExpression(inner)) return { state: "manual", reason: `the options are built elsewhere: pass \`${variable}\` in their \`env\` by hand` };
  const env = propertyNamed(inner, "env");
  if (!env) return plan((rt) => [appendItem(call.getSourceFile().getFullText(), objectShape(inner), `env: { ...process.env, ${pair(rt)} }`)]);
  if (env.getText().includes(variable)) return { state: "wired" };
  const value = Node.isPropertyAssignment(env) ? skipOuter(env.getInitializer()) : undefined;
  if (!value || !Node.isObjectLiteralExpression(value)) return { state: "manual", reason: `the child's environment is built elsewhere: add \`${variable}\` to it by hand` };
  return plan((rt) => [appendItem(call.getSourceFile().getFullText(), objectShape(value), pair(rt))]);
}
