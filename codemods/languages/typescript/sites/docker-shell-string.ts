// A shell command string `docker run …` (literal, template, or a local variable holding one) given to exec/execSync/
// execa's command forms.
import { Node, SyntaxKind } from "../ts-morph.js";
import { insertAt } from "../list-insert.js";
import { calleeName, followIdentifier, skipOuter } from "../syntax-helpers.js";
import { guarded, SHELL_GUARD } from "../shell-guard.js";
import { runsElsewhere, toSite, type Analysis, type FileFacts, type SiteFinder } from "./types.js";

const SHELL_RUNNERS = new Set(["exec", "execSync", "execaCommand", "execaCommandSync", "spawn", "spawnSync"]);
const DOCKER_SUBCOMMAND = /^\s*docker\s+(?:container\s+)?(?:run|create)(?=\s|$)/;

export const dockerShellString: SiteFinder = {
  kind: "docker-shell-string",
  title: "`docker run` in a shell command string (exec, execSync, execaCommand)",
  match(call, facts) {
    const name = calleeName(call);
    const args = call.getArguments();
    if (!name || !SHELL_RUNNERS.has(name) || args.length < 1) return undefined;
    const analysis = analyzeShellString(args[0]!, facts);
    const elsewhere = analysis && analysis.state !== "wired" ? runsElsewhere(call) : undefined;
    return analysis && toSite("docker-shell-string", call, `${name}("docker run ...")`, elsewhere ? { state: "manual", reason: elsewhere } : analysis);
  },
};

/** A shell command string `docker run …` (literal, template, or a local variable holding one). The runtime goes in
 *  through the file's shell-safety helper (see shell-guard.ts): a shell never sees anything but a plain name. */
function analyzeShellString(arg: Node, facts: FileFacts): Analysis | undefined {
  const literal = leftmostOperand(followIdentifier(arg));
  if (!literal) return undefined;
  let value: string;
  let contentStart: number;
  if (Node.isStringLiteral(literal) || Node.isNoSubstitutionTemplateLiteral(literal)) {
    value = literal.getLiteralValue();
    contentStart = literal.getStart() + 1;
  } else if (Node.isTemplateExpression(literal)) {
    value = literal.getHead().getLiteralText();
    contentStart = literal.getHead().getStart() + 1;
  } else {
    return undefined;
  }
  const match = DOCKER_SUBCOMMAND.exec(value);
  if (!match) return undefined;
  if (literal.getText().includes("--runtime")) return { state: "wired", runtime: literal };
  const at = contentStart + match[0].length;
  if (literal.getSourceFile().getFullText().slice(contentStart, at) !== match[0]) {
    return { state: "manual", reason: "the command string has escapes before `run`; add --runtime by hand" };
  }
  const subcommand = match[0].trim().split(/\s+/).at(-1);
  if (Node.isStringLiteral(literal)) {
    // A plain string becomes a concatenation; that is only safe where `+` binds as tightly as its context needs.
    const parent = literal.getParent();
    const concatenable =
      Node.isParenthesizedExpression(parent) ||
      Node.isCallExpression(parent) ||
      Node.isVariableDeclaration(parent) ||
      (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.PlusToken);
    if (!concatenable) return { state: "manual", reason: "the command string is used in an expression; add --runtime by hand" };
    const quote = literal.getText()[0]!;
    return {
      state: "fixable",
      plan: (rt) => ({
        edits: [insertAt(at, ` --runtime ${quote} + ${guarded(rt.expr)} + ${quote}`)],
        fileEdits: facts.shellGuard(),
        what: `\`--runtime \` + ${guarded(rt.expr)} after \`${subcommand}\` (${SHELL_GUARD} lets only a plain runtime name reach the shell)`,
      }),
    };
  }
  return {
    state: "fixable",
    plan: (rt) => ({
      edits: [insertAt(at, ` --runtime \${${guarded(rt.expr)}}`)],
      fileEdits: facts.shellGuard(),
      what: `\`--runtime \${${guarded(rt.expr)}}\` after \`${subcommand}\` (${SHELL_GUARD} lets only a plain runtime name reach the shell)`,
    }),
  };
}

/** `"docker run " + image + …` starts with its leftmost operand (also through parentheses: `("docker run " + a) + b`). */
function leftmostOperand(node: Node | undefined): Node | undefined {
  let current = skipOuter(node);
  while (current && Node.isBinaryExpression(current) && current.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    current = skipOuter(current.getLeft());
  }
  return current;
}
