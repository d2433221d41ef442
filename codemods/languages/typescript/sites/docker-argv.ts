// The docker CLI as an argv: `spawn("docker", ["run", ...])`, execa, execFile (literal or a local variable): the flag
// `"--runtime", x` goes right after `run`/`create`. The executable may come from a field, a parameter or config
// (`spawn(this.executable, …)`, `spawn(config.command, args)`), as in the Python codemod; then the argv must look like
// docker's (a docker-ish name, or `run` followed by docker's own flags). With `shell: true` the runtime is checked.
import type { CallExpression } from "ts-morph";
import { Node, SyntaxKind, descendantsOfKind } from "../ts-morph.js";
import { insertItemAfter, type ListShape } from "../list-insert.js";
import { guarded } from "../shell-guard.js";
import { arrayShape, calleeName, followIdentifier, importedAs, propertyNamed, skipOuter, stringValue } from "../syntax-helpers.js";
import { runsElsewhere, toSite, type Analysis, type FileFacts, type SiteFinder } from "./types.js";
import { dockerSubcommandIndex, expressionWords, GENERIC_EXECUTABLE_WORDS, isRuntimeFlagText, namesDockerExecutable } from "../../../model/docker-cli.js";

export const ARGV_RUNNERS = new Set(["execa", "execaSync", "spawn", "spawnSync", "execFile", "execFileSync"]);
/** Generic names for an executable that, with nothing else named beside them, say "the container engine's CLI". */
const ENGINE_WORDS: ReadonlySet<string> = new Set([...GENERIC_EXECUTABLE_WORDS, "command", "cmd"]);
/** Programs with a `run` subcommand of their own. */
const OTHER_TOOLS = new Set(["npm", "npx", "yarn", "pnpm", "bun", "deno", "node", "cargo", "go", "uv", "poetry", "make", "gradle", "mvn", "pip", "python", "pytest", "task", "just"]);
/** Flags of `docker run`/`create` that other tools' `run` rarely takes. */
const RUN_FLAGS = /^(--rm|-d|--detach|-it|-ti|-i|-t|--interactive|--tty|--name|-v|--volume|-e|--env|--env-file|--network|--net|--workdir|-w|--init|--entrypoint|--mount|-p|--publish|--user|-u|--memory|-m|--cpus|--gpus|--platform|--privileged|--read-only|--cap-add|--security-opt|--shm-size|--hostname|--pull|--stop-timeout)(=.*)?$/;

export const dockerArgv: SiteFinder = {
  kind: "docker-argv",
  title: "`docker run|create` argv (spawn, execa, execFile), the executable literal or from a field, parameter or config",
  // A runner by its usual name, or (isArgvRunner) any name where the file imports a runner module.
  accepts: (call, facts) => call.name !== undefined && (ARGV_RUNNERS.has(call.name) || mayImportRunner(facts)),
  match(call: CallExpression, facts) {
    const name = calleeName(call);
    const args = call.getArguments();
    if (!name || !isArgvRunner(call) || args.length < 2) return undefined;
    const given = followIdentifier(args[1]!);
    // `execa("docker", this.runArgs(name))`: the argv a helper of the file returns; the flag goes into it, there. An
    // async helper's is awaited: `spawn(bin, await buildArgs(...))`, or `const args = await buildArgs(...)` (nanoclaw).
    const built = given && Node.isAwaitExpression(given) ? skipOuter(given.getExpression()) : given;
    const helper = built && Node.isCallExpression(built) ? returnedArgv(built) : undefined;
    const argv = helper?.array ?? concatBase(given) ?? given;
    if (helper?.mixed) {
      // The helper builds docker's `run` argv, but returns more than that one literal (a `let` reassigned, two returns).
      const engine = engineOf(args[0]!, helper.mixed.getElements());
      if (!engine) return undefined;
      const reason = `the argv comes from \`${helper.name}()\`, which builds it in more than one way or adds \`--runtime\` itself in some cases: see that every \`run\`/\`create\` there gets \`"--runtime", runtime\` right after it, by hand`;
      return toSite("docker-argv", call, `${name}(${engine}, ${helper.name}())`, { state: "manual", reason });
    }
    if (!argv || !Node.isArrayLiteralExpression(argv)) return undefined;
    const engine = engineOf(args[0]!, argv.getElements());
    if (!engine) return undefined;
    const analysis = analyzeArgv(argv, facts, runsInShell(args[2]));
    const elsewhere = analysis && analysis.state !== "wired" ? runsElsewhere(call) : undefined;
    const label = helper ? `${name}(${engine}, ${helper.name}())` : `${name}(${engine}, [...])`;
    return analysis && toSite("docker-argv", helper ? argv : call, label, elsewhere ? { state: "manual", reason: elsewhere } : analysis);
  },
};

/** The one array literal a helper of the same file returns (`this.runArgs()` in its class, or a function of the
 *  file), when every return of it returns that literal, written there or held in a local the function fills in
 *  (`const args = ["run", "--rm"]; args.push(...); return args;`); undefined otherwise. */
function returnedArgv(call: CallExpression): { array?: Node; mixed?: Node & { getElements(): Node[] }; name: string; fn: Node } | undefined {
  const callee = skipOuter(call.getExpression());
  let fn: Node | undefined;
  if (Node.isPropertyAccessExpression(callee) && Node.isThisExpression(skipOuter(callee.getExpression()))) {
    fn = call.getFirstAncestorByKind(SyntaxKind.ClassDeclaration)?.getInstanceMethod(callee.getName());
  } else if (Node.isIdentifier(callee)) {
    fn = call.getSourceFile().getFunction(callee.getText());
  }
  if (!fn) return undefined;
  const returns = descendantsOfKind(fn, SyntaxKind.ReturnStatement).filter((r) => r.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) === fn);
  const arrays = returns.map((r) => localArray(skipOuter(r.getExpression()), fn)).filter((e) => e !== undefined && Node.isArrayLiteralExpression(e));
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  const runs = descendantsOfKind(fn, SyntaxKind.ArrayLiteralExpression).filter((a) => ["run", "create"].includes(stringValue(a.getElements()[0]) ?? ""));
  // A `--runtime` the helper adds itself beside the literal (`if (opts.runtime) args.push("--runtime", opts.runtime)`)
  // is a choice of its own: one more would be a second flag.
  const single = returns.length === 1 && arrays.length === 1 ? arrays[0]! : undefined;
  const elsewhere = single && descendantsOfKind(fn, SyntaxKind.StringLiteral).some((s) => isRuntimeFlagText(s.getLiteralText()) && !(s.getStart() >= single.getStart() && s.getEnd() <= single.getEnd()));
  if (single && !elsewhere) return { array: single, name, fn };
  // Not one literal, but docker's `run` argv is built there: a site that needs a human, unless every `run` names a runtime.
  if (runs.length === 0 || runs.every((a) => a.getElements().some((e) => isRuntimeFlagText(stringValue(e) ?? "")))) return undefined;
  return { mixed: runs.find((a) => !a.getElements().some((e) => isRuntimeFlagText(stringValue(e) ?? "")))!, name, fn };
}

/** The array literal `node` is, or the one a `const` of `fn` named by `node` is declared with; else `node`. */
function localArray(node: Node | undefined, fn: Node): Node | undefined {
  if (!node || !Node.isIdentifier(node)) return node;
  const declared = followIdentifier(node);
  if (!declared || declared === node || !Node.isArrayLiteralExpression(declared)) return node;
  // A `let` may be given another array before it is returned.
  const declaration = declared.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
  const constant = declaration?.getVariableStatement()?.getDeclarationKind() === "const";
  return constant && declared.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) === fn ? declared : node;
}

/** `["run"].concat(cleanUp ? ["--rm"] : [], [image])` (docker-lambda): the literal the chain starts from holds the
 *  subcommand, and the flag goes right after it there. */
export function concatBase(node: Node | undefined): Node | undefined {
  let current = skipOuter(node);
  while (current && Node.isCallExpression(current)) {
    const callee = skipOuter(current.getExpression());
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "concat") return undefined;
    current = skipOuter(callee.getExpression());
  }
  return current && Node.isArrayLiteralExpression(current) && current !== skipOuter(node) ? current : undefined;
}

/** The file names a runner module, whose functions its imports may bind under other names (`import { spawn as run }`,
 *  tinyexec's `x`): only there does a call by another name need a look at the imports. */
const importsRunner = new WeakMap<FileFacts, boolean>();
function mayImportRunner(facts: FileFacts): boolean {
  let imports = importsRunner.get(facts);
  if (imports === undefined) importsRunner.set(facts, (imports = /child_process|execa|child-process-ext|tinyexec/.test(facts.text)));
  return imports;
}

/** A runner of `(file, args, options)`: by its usual name (spawn, execa, execFile), or under another that its import
 *  tells (`import { spawn as run } from "node:child_process"`, `import spawnExt from "child-process-ext/spawn.js"`,
 *  tinyexec's `x`). */
export function isArgvRunner(call: CallExpression): boolean {
  if (ARGV_RUNNERS.has(calleeName(call) ?? "")) return true;
  const callee = skipOuter(call.getExpression());
  if (!Node.isIdentifier(callee)) return false;
  const sf = call.getSourceFile();
  const local = callee.getText();
  if (ARGV_RUNNERS.has(importedAs(sf, local, /^(?:node:)?child_process$/) ?? "")) return true;
  if (["default", "execa", "execaSync"].includes(importedAs(sf, local, /^execa$/) ?? "")) return true;
  return importedAs(sf, local, /^child-process-ext\/spawn(?:\.js)?$/) === "default" || tinyexec(call);
}

/** tinyexec's `x(file, args, options)` / `exec(...)`: execa's argv shape under a short name, known by its import. */
function tinyexec(call: CallExpression): boolean {
  const callee = skipOuter(call.getExpression());
  return Node.isIdentifier(callee) && ["x", "exec"].includes(importedAs(call.getSourceFile(), callee.getText(), /^tinyexec$/) ?? "");
}

/** How the executable reads in a label (`"docker"`, `this.executable`), or undefined when it is not docker's CLI. */
function engineOf(arg: Node, elements: Node[]): string | undefined {
  const node = skipOuter(arg);
  const value = stringValue(node);
  if (value !== undefined) return /^(docker|podman|nerdctl)(\.exe)?$/.test(value.split(/[\\/]/).at(-1) ?? "") ? `"${value}"` : undefined;
  if (Node.isStringLiteral(node) || Node.isTemplateExpression(node)) return undefined;
  if (expressionWords(node.getText()).some((w) => OTHER_TOOLS.has(w))) return undefined;
  const flags = elements.slice(1).map((e) => stringValue(e)).filter((v) => v !== undefined);
  return namesDockerExecutable(node.getText(), ENGINE_WORDS) || flags.some((f) => RUN_FLAGS.test(f)) ? node.getText() : undefined;
}

/** `{ shell: true }` (anything but a literal false): the argv is joined into a shell command line. */
function runsInShell(options: Node | undefined): boolean {
  const object = followIdentifier(options);
  if (!object || !Node.isObjectLiteralExpression(object)) return false;
  const shell = propertyNamed(object, "shell");
  if (!shell) return false;
  const value = Node.isPropertyAssignment(shell) ? skipOuter(shell.getInitializer()) : undefined;
  return !(value && Node.isFalseLiteral(value));
}

/** `["run", ...]`: `"--runtime", x` right after `run`/`create`. Other subcommands (exec, rm, ...) are not container
 *  creations: undefined. */
export function analyzeArgv(array: Node & { getElements(): Node[] }, facts: FileFacts, shell: boolean): Analysis | undefined {
  const elements = array.getElements();
  // Past docker's global options (`"--context", "remote"`), then `container run` or `run`.
  const first = dockerSubcommandIndex(elements.map((e) => stringValue(e)), 0);
  if (first < 0) return undefined;
  const subcommand = elements[stringValue(elements[first]) === "container" ? first + 1 : first];
  const value = stringValue(subcommand);
  if (!subcommand || (value !== "run" && value !== "create")) return undefined;
  return runtimeAfterSubcommand(arrayShape(array), subcommand, facts, shell);
}

/** The runtime of a docker argv whose items are `shape`'s (an array literal's elements, or a call's arguments:
 *  `argv.push("docker", "run", ...)`, `dockerCLI(params, "run", ...)`): wired when one of them is `--runtime`,
 *  else `"--runtime", x` right after the `run`/`create` item, checked first when a shell joins the argv. */
export function runtimeAfterSubcommand(shape: ListShape, subcommand: Node, facts: FileFacts, shell: boolean): Analysis {
  const items = shape.items;
  const wired = items.findIndex((e) => {
    const flag = stringValue(e) ?? (Node.isTemplateExpression(e) ? e.getHead().getLiteralText() : undefined);
    return flag === "--runtime" || flag?.startsWith("--runtime=");
  });
  if (wired >= 0) {
    // `"--runtime", x` passes x; `--runtime=${x}` passes itself.
    return { state: "wired", runtime: stringValue(items[wired]) === "--runtime" ? items[wired + 1] : items[wired] };
  }
  const quote = facts.text[skipOuter(subcommand).getStart()] === "'" ? "'" : '"';
  const verb = stringValue(subcommand);
  return {
    state: "fixable",
    plan: (rt) => {
      const item = `${quote}--runtime${quote}, ${shell ? guarded(rt.expr) : rt.expr}`;
      const edits = [insertItemAfter(facts.text, shape, subcommand, item)];
      return { edits, fileEdits: shell ? facts.shellGuard() : [], what: `\`${item}\` after ${quote}${verb}${quote}` };
    },
  };
}
