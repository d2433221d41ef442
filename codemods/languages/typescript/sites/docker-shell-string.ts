// A shell command string holding `docker run …` (literal, template, or a local variable holding one), as the Python
// frontend reads one: at the start or after other commands (`cd /w && docker run`, `sudo docker run`), given to any
// runner (exec, execSync, execaCommand, a wrapper such as `execAsync = promisify(exec)`), or kept to run later (a
// setup script a function returns). Messages (`console.log`, `logger.info`) and string tests (`cmd.startsWith(…)`)
// are not commands.
import type { CallExpression, SourceFile } from "ts-morph";
import { afterPrompt, COMPOSE_VALUE_OPTIONS, isRuntimeFlagText, MESSAGE_CALLS, PROSE_NAME, SHELL_COMPOSE_COMMAND, SHELL_CREATE_COMMAND, SHELL_SERVICE_COMMAND, SWARM_SERVICE_REASON } from "../../../model/docker-cli.js";
import { Node, SyntaxKind, descendantsWhere } from "../ts-morph.js";
import { insertAt } from "../list-insert.js";
import { calleeName, followIdentifier, importedAs, propertyNamed, skipOuter } from "../syntax-helpers.js";
import { withEnv } from "./docker-compose-call.js";
import { guarded, SHELL_GUARD } from "../shell-guard.js";
import { runsElsewhere, toSite, type Analysis, type FileFacts, type Site, type SiteFinder } from "./types.js";

/** String methods that test or take apart a command rather than run it, and CLI builders' help texts
 *  (`.description("… docker run …")`, `.example(…)`). */
const STRING_METHODS = new Set([
  "startsWith", "endsWith", "includes", "indexOf", "lastIndexOf", "replace", "replaceAll", "split", "match", "matchAll", "search", "test", "localeCompare",
  "description", "example", "usage", "help", "addHelpText", "epilog", "writeText",
]);

export const dockerShellString: SiteFinder = {
  kind: "docker-shell-string",
  title: "`docker run` in a shell command string (exec, execSync, execaCommand, a wrapper of them, or a script kept to run later)",
  accepts: (_call, facts) => facts.commands.create,
  match(call, facts) {
    if (!facts.commands.create || isNotACommand(call) || inMarkup(call)) return undefined;
    const name = calleeName(call);
    for (const [index, arg] of call.getArguments().entries()) {
      let found = analyzeShellString(followIdentifier(arg), facts);
      // A command kept in a variable and run by two calls is one site.
      if (!found || facts.claimed.has(found.literal)) continue;
      facts.claimed.add(found.literal);
      // execa splits `execaCommand("docker compose up")` into words itself, with no shell to read `VAR=value cmd`.
      if (found.engine === "docker compose" && found.analysis.state !== "wired" && withoutShell(call)) found = { ...found, analysis: withEnv(call, facts.variable, 1) };
      // child_process's exec runs cmd.exe on Windows, which reads no `VAR=value cmd`: the options' env works on every
      // platform. Options built elsewhere keep the prefix (right on the POSIX shells most hosts have).
      else if (found.engine === "docker compose" && found.analysis.state === "fixable" && index === 0 && childProcessExec(call)) {
        const env = withEnv(call, facts.variable, 1);
        if (env.state !== "manual") found = { ...found, analysis: env };
      }
      const elsewhere = found.analysis.state !== "wired" ? runsElsewhere(call) : undefined;
      const site = toSite("docker-shell-string", call, `${name ?? "call"}("${found.engine} ${found.verb} ...")`, elsewhere ? { state: "manual", reason: elsewhere } : found.analysis);
      return found.engine === "docker compose" ? { ...site, viaComposeVariable: true } : site;
    }
    return undefined;
  },
};

/** `exec(cmd, …)` / `execSync(cmd, …)` / `child_process.exec(cmd, …)` in a file that loads child_process: options
 *  are its second argument (a promisified wrapper's may be anything, so it keeps the prefix). */
function childProcessExec(call: CallExpression): boolean {
  const callee = skipOuter(call.getExpression());
  const name = Node.isIdentifier(callee) ? callee.getText() : Node.isPropertyAccessExpression(callee) && /^(?:child_?process|cp|childProcess)$/i.test(callee.getExpression().getText()) ? callee.getName() : undefined;
  return (name === "exec" || name === "execSync") && /["'](?:node:)?child_process["']/.test(call.getSourceFile().getFullText());
}

/** `execaCommand(cmd)` / `execaCommandSync(cmd, opts)` without `shell: true`: execa's own word splitting, no shell. */
function withoutShell(call: CallExpression): boolean {
  if (!/^execaCommand(Sync)?$/.test(calleeName(call) ?? "")) return false;
  const options = skipOuter(call.getArguments()[1]);
  // Options built elsewhere may or may not ask for a shell: the env route then reports them to a human.
  if (!options || !Node.isObjectLiteralExpression(options)) return true;
  const shell = propertyNamed(options, "shell");
  return !shell || (Node.isPropertyAssignment(shell) && shell.getInitializer()?.getText() === "false");
}

/** The template of execa's `$\`…\`` / `execa\`…\`` (also `$(options)\`…\``): run without a shell. zx's `$` runs bash.
 *  Undefined when it is not one; else the `$(options)` call that takes its options, or null for a bare tag. */
function execaTemplate(literal: Node): CallExpression | null | undefined {
  const tagged = literal.getParent();
  if (!tagged || !Node.isTaggedTemplateExpression(tagged)) return undefined;
  let tag = skipOuter(tagged.getTag());
  const withOptions = Node.isCallExpression(tag) ? tag : null;
  if (withOptions) tag = skipOuter(withOptions.getExpression());
  const root = Node.isPropertyAccessExpression(tag) ? skipOuter(tag.getExpression()) : tag;
  const bound = Node.isIdentifier(root) ? importedAs(root.getSourceFile(), root.getText(), /^execa$/) : undefined;
  return bound !== undefined && bound !== "default" ? withOptions : undefined;
}

/** Compose through execa's template: the runtime goes in the `$(options)` call's `env` (no shell to put it before
 *  the command); a bare `$` is left to a human. */
function execaTemplateEnv(literal: Node, variable: string): Analysis | undefined {
  const options = execaTemplate(literal);
  if (options === undefined) return undefined;
  if (options && options.getArguments().length === 1) return withEnv(options, variable, 0);
  return { state: "manual", reason: `execa runs the command without a shell, so \`${variable}=…\` cannot go before it: pass it in the options, \`$({ env: { ${variable}: runtime } })\`` };
}

/** Command strings no call in the file is given directly: a script returned or stored to run later. */
export function keptShellStrings(sf: SourceFile, facts: FileFacts): Site[] {
  const sites: Site[] = [];
  // In a component file such a string is most often text shown to the user (a hint, a copy button), not a command.
  if (/\.[cm]?[jt]sx$/.test(sf.getFilePath())) return sites;
  const kinds = [SyntaxKind.StringLiteral, SyntaxKind.NoSubstitutionTemplateLiteral, SyntaxKind.TemplateExpression];
  const command = (text: string) => {
    const body = text.slice(1);
    return SHELL_SERVICE_COMMAND.test(body) || SHELL_CREATE_COMMAND.test(body) || SHELL_COMPOSE_COMMAND.test(body) || COMPOSE_HEAD.test(body);
  };
  for (const literal of descendantsWhere(sf, kinds, command)) {
    if (facts.claimed.has(literal) || isMessage(literal)) continue;
    if (SHELL_SERVICE_COMMAND.test(literal.getText().slice(1))) {
      sites.push(toSite("swarm-service", literal, "docker service create in a shell string", { state: "manual", reason: SWARM_SERVICE_REASON }));
      continue;
    }
    const body = literal.getText().slice(1);
    if (!SHELL_CREATE_COMMAND.test(body) && !SHELL_COMPOSE_COMMAND.test(body) && !COMPOSE_HEAD.test(body)) continue;
    const found = analyzeShellString(literal, facts);
    if (!found) continue;
    const viaExeca = found.engine === "docker compose" && found.analysis.state !== "wired" && found.verb !== SUBSTITUTED ? execaTemplateEnv(literal, facts.variable) : undefined;
    const site = toSite("docker-shell-string", literal, `${found.engine} ${found.verb} in ${viaExeca ? "an execa template" : "a shell string"}`, viaExeca ?? found.analysis);
    sites.push(found.engine === "docker compose" ? { ...site, viaComposeVariable: true } : site);
  }
  sites.push(...interpolatedEngineCommands(sf, facts));
  return sites;
}

/** A command template that opens with the engine interpolated: `${docker} run -d …` (dax's `$`, depker's
 *  `this.exec\`${this.docker} run ${args}\``, where `this.docker` may be `["docker", "--host", h]`). */
const INTERPOLATED_ENGINE = /^`\s*(?:sudo\s+)?\$\{[^}]*(?:docker|podman|nerdctl)[^}]*\}\s+(?:container\s+)?(?:run|create)(?=\s|`|\$)/i;

/** Commands whose engine is interpolated at their start: which program that is, and how the template turns the value
 *  into words, the text does not say, so each is reported with where the flag goes. */
function interpolatedEngineCommands(sf: SourceFile, facts: FileFacts): Site[] {
  const sites: Site[] = [];
  for (const template of descendantsWhere(sf, [SyntaxKind.TemplateExpression], (text) => INTERPOLATED_ENGINE.test(text))) {
    if (facts.claimed.has(template) || isMessage(template) || !Node.isTemplateExpression(template)) continue;
    const first = template.getTemplateSpans()[0];
    if (!first) continue;
    const engine = first.getExpression().getText();
    const verb = /^\s+(?:container\s+)?(run|create)/.exec(first.getLiteral().getLiteralText())?.[1];
    if (!verb) continue;
    const label = `\`\${${engine}} ${verb}\` in a command template`;
    if (template.getText().split(/[\s`]+/).some(isRuntimeFlagText)) {
      sites.push(toSite("docker-shell-string", template, label, { state: "wired" }));
      continue;
    }
    const reason = `the engine is \`${engine}\`, interpolated at the start of the command: add \`--runtime <the runtime>\` right after \`${verb}\` by hand`;
    sites.push(toSite("docker-shell-string", template, label, { state: "manual", reason }));
  }
  return sites;
}

interface Found {
  literal: Node;
  engine: string;
  verb: string;
  analysis: Analysis;
}

/** The runtime goes in through the file's shell-safety helper (see shell-guard.ts): a shell never sees anything but a
 *  plain name. */
function analyzeShellString(arg: Node | undefined, facts: FileFacts): Found | undefined {
  const literal = leftmostOperand(arg);
  if (!literal) return undefined;
  const parts: { value: string; start: number; end: number }[] = [];
  if (Node.isStringLiteral(literal) || Node.isNoSubstitutionTemplateLiteral(literal)) {
    parts.push({ value: literal.getLiteralValue(), start: literal.getStart() + 1, end: literal.getEnd() - 1 });
  } else if (Node.isTemplateExpression(literal)) {
    // The head and every literal piece between substitutions (`${SUDO} docker run …`).
    const head = literal.getHead();
    parts.push({ value: head.getLiteralText(), start: head.getStart() + 1, end: head.getEnd() - 2 });
    for (const span of literal.getTemplateSpans()) {
      const piece = span.getLiteral();
      const tail = Node.isTemplateTail(piece);
      parts.push({ value: piece.getLiteralText(), start: piece.getStart() + 1, end: piece.getEnd() - (tail ? 1 : 2) });
    }
  } else {
    return undefined;
  }
  const command = commandIn(parts.map((p) => p.value), facts.variable);
  if (!command) {
    if (!substitutedComposeVerb(parts.map((p) => p.value))) return undefined;
    const reason = `its compose subcommand is a substitution: where that is up (or run, create), pass \`${facts.variable}\` in the command's environment by hand`;
    return { literal, engine: "docker compose", verb: SUBSTITUTED, analysis: { state: "manual", reason } };
  }
  const part = parts[command.part]!;
  const { engine, verb } = command;
  const found = (analysis: Analysis): Found => ({ literal, engine, verb, analysis });
  if (command.wired(concatenation(literal).getText())) return found({ state: "wired", runtime: literal });
  // Insert where the command says in the source text; escapes before it (`"a\ndocker run"`) move it.
  const raw = command.pattern.exec(literal.getSourceFile().getFullText().slice(part.start, part.end));
  if (!raw || command.engineOf(raw) !== engine) {
    return found({ state: "manual", reason: `the command string has escapes before \`${verb}\`; ${command.byHand}` });
  }
  const at = part.start + command.at(raw);
  if (Node.isStringLiteral(literal)) {
    // A plain string becomes a concatenation; that is only safe where `+` binds as tightly as its context needs.
    if (!concatenable(literal)) return found({ state: "manual", reason: `the command string is used in an expression; ${command.byHand}` });
    const quote = literal.getText()[0]!;
    return found({
      state: "fixable",
      plan: (rt) => ({
        edits: [insertAt(at, command.spliced(`${quote} + ${guarded(rt.expr)} + ${quote}`))],
        fileEdits: facts.shellGuard(),
        what: `${command.what(`\` + ${guarded(rt.expr)}`)} (${SHELL_GUARD} lets only a plain runtime name reach the shell)`,
      }),
    });
  }
  return found({
    state: "fixable",
    plan: (rt) => ({
      edits: [insertAt(at, command.spliced(`\${${guarded(rt.expr)}}`))],
      fileEdits: facts.shellGuard(),
      what: `${command.what(`\${${guarded(rt.expr)}}\``)} (${SHELL_GUARD} lets only a plain runtime name reach the shell)`,
    }),
  });
}

/** A command that creates containers in one of a string's literal pieces: `docker run` takes `--runtime` after its
 *  subcommand; `docker compose up` takes the runtime as the variable its compose files read, before the command. */
function commandIn(values: string[], variable: string) {
  // `$ docker run …` after a prompt is a snippet for a reader (a web page's install command), not a command.
  const create = values.findIndex((v) => {
    const m = SHELL_CREATE_COMMAND.exec(v);
    return !!m && !afterPrompt(v, m.index + m[1]!.length);
  });
  if (create >= 0) {
    const [, , engine, verb] = SHELL_CREATE_COMMAND.exec(values[create]!)!;
    return {
      part: create,
      engine: engine!,
      verb: verb!,
      pattern: SHELL_CREATE_COMMAND,
      engineOf: (m: RegExpExecArray) => (m[3] === verb ? m[2] : undefined),
      at: (m: RegExpExecArray) => m.index + m[0].length,
      spliced: (value: string) => ` --runtime ${value}`,
      wired: (text: string) => text.includes("--runtime"),
      what: (value: string) => `\`--runtime ${value} after \`${verb}\``,
      byHand: "add --runtime by hand",
    };
  }
  const whole = values.findIndex((v) => {
    const m = SHELL_COMPOSE_COMMAND.exec(v);
    return !!m && !afterPrompt(v, m.index + m[1]!.length);
  });
  const found = whole >= 0 ? { part: whole, verb: SHELL_COMPOSE_COMMAND.exec(values[whole]!)![3]! } : composeAcross(values);
  if (!found) return undefined;
  const { part, verb } = found;
  return {
    part,
    engine: "docker compose",
    verb,
    // Where the verb is in a later piece, the piece holds the command's head only.
    pattern: whole >= 0 ? SHELL_COMPOSE_COMMAND : COMPOSE_HEAD,
    engineOf: (m: RegExpExecArray) => (whole < 0 || m[3] === verb ? "docker compose" : undefined),
    at: (m: RegExpExecArray) => m.index + m[1]!.length,
    spliced: (value: string) => `${variable}=${value} `,
    wired: (text: string) => text.includes(variable),
    what: (value: string) => `\`${variable}=${value} before \`docker compose\``,
    byHand: `put \`${variable}=<runtime> \` before \`docker compose\` by hand`,
  };
}

/** `docker compose --file ${path} ${command} --detach` (umbrel's app environment): a compose command whose subcommand
 *  is a substitution, which may be up. */
function substitutedComposeVerb(values: string[]): boolean {
  if (values.length < 2) return false;
  const joined = values.join(HOLE);
  const head = COMPOSE_HEAD.exec(joined);
  if (!head || afterPrompt(joined, head.index + head[1]!.length)) return false;
  const words = joined.slice(head.index + head[0].length).split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (/^(?:;|&&|\|\|?)$/.test(word)) return false;
    if (COMPOSE_VALUE_OPTIONS.has(word)) i++;
    else if (!word.startsWith("-")) return word === HOLE;
  }
  return false;
}

/** The verb a label shows for a subcommand that is a substitution. */
const SUBSTITUTED = "${…}";

/** What stands for a substitution when a template's pieces are read as one command line. */
const HOLE = "\u0001";

/** `docker compose` (or `docker-compose`) at a command's start, the verb left to what follows. */
const COMPOSE_HEAD = /(^|[\s;&|(])((?:sudo\s+)?(?:docker\s+compose|docker-compose|podman-compose))(?=\s|$)/;

/** `docker compose -f ${file} up`: a compose command whose verb is in a later literal piece of a template (each
 *  substitution stands for the word it is part of, as the shell reads it). The piece that holds the command's head. */
function composeAcross(values: string[]): { part: number; verb: string } | undefined {
  const joined = values.join("\u0001");
  const m = SHELL_COMPOSE_COMMAND.exec(joined);
  if (!m) return undefined;
  const head = m.index + m[1]!.length;
  if (afterPrompt(joined, head)) return undefined;
  for (let i = 0, start = 0; i < values.length; start += values[i]!.length + 1, i++) {
    if (head < start || head >= start + values[i]!.length) continue;
    const inPiece = COMPOSE_HEAD.exec(values[i]!);
    return inPiece && inPiece.index + inPiece[1]!.length === head - start ? { part: i, verb: m[3]! } : undefined;
  }
  return undefined;
}

/** Where `"a" + x` may stand for `"a"` without parentheses: an argument, an initializer, a returned or listed value. */
function concatenable(literal: Node): boolean {
  const parent = literal.getParent();
  return (
    Node.isParenthesizedExpression(parent) ||
    Node.isCallExpression(parent) ||
    Node.isVariableDeclaration(parent) ||
    Node.isReturnStatement(parent) ||
    Node.isPropertyAssignment(parent) ||
    Node.isArrayLiteralExpression(parent) ||
    (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.PlusToken)
  );
}

/** `console.log(cmd)`, `logger.info(…)`, `cmd.startsWith("docker run")`: not a command being run. */
function isNotACommand(call: CallExpression): boolean {
  const name = calleeName(call);
  return !!name && (MESSAGE_CALLS.test(name) || STRING_METHODS.has(name));
}

/** Inside a message or a string test, an error, or a type: the text is not run. */
function isMessage(literal: Node): boolean {
  for (let cur = literal.getParent(); cur; cur = cur.getParent()) {
    if (Node.isThrowStatement(cur) || Node.isTypeNode(cur) || Node.isImportDeclaration(cur) || Node.isExportDeclaration(cur)) return true;
    // Shown in a page (`<code>{"docker run …"}</code>`, `placeholder="docker run …"`), not run.
    if (Node.isJsxExpression(cur) || Node.isJsxAttribute(cur)) return true;
    // A CLI option's `usage: "Arguments to docker run …"`, a schema's `description`: prose about the command.
    if (Node.isPropertyAssignment(cur) && PROSE_NAME.test(cur.getName().replace(/^["'`]|["'`]$/g, ""))) return true;
    if (Node.isNewExpression(cur) && /(Error|Exception|Warning)$/.test(cur.getExpression().getText())) return true;
    if (Node.isCallExpression(cur) && isNotACommand(cur)) return true;
    if (Node.isStatement(cur) || Node.isSourceFile(cur)) return false;
  }
  return false;
}

/** Inside a component's markup (an event handler, an attribute): the user's page, not this process. */
function inMarkup(node: Node): boolean {
  return !!node.getFirstAncestor((a) => Node.isJsxAttribute(a) || Node.isJsxExpression(a));
}

/** The whole `"OCI_RUNTIME=" + rt + " docker compose up"` a piece of it belongs to (itself when none): an earlier piece
 *  may already carry the runtime. */
function concatenation(literal: Node): Node {
  let top = literal;
  for (let cur = literal.getParent(); cur; cur = cur.getParent()) {
    if (Node.isParenthesizedExpression(cur)) continue;
    if (!Node.isBinaryExpression(cur) || cur.getOperatorToken().getKind() !== SyntaxKind.PlusToken) break;
    top = cur;
  }
  return top;
}

/** `"docker run " + image + …` starts with its leftmost operand (also through parentheses: `("docker run " + a) + b`). */
function leftmostOperand(node: Node | undefined): Node | undefined {
  let current = skipOuter(node);
  while (current && Node.isBinaryExpression(current) && current.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    current = skipOuter(current.getLeft());
  }
  return current;
}
