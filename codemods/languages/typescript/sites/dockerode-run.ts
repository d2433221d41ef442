// dockerode `docker.run(image, cmd, stream, createOptions?, startOptions?, callback?)`: the runtime goes into the
// create options (added when absent).
import type { CallExpression, SourceFile } from "ts-morph";
import { Node, SyntaxKind, descendantsOfKind } from "../ts-morph.js";
import { appendItem, insertItemBefore } from "../list-insert.js";
import { argumentShape, outerParent, skipOuter } from "../syntax-helpers.js";
import { analyzeCreateOptions } from "./dockerode-create.js";
import { toSite, type Analysis, type SiteFinder } from "./types.js";
import type { RuntimeRef } from "../../../model/frontend.js";

export const dockerodeRun: SiteFinder = {
  kind: "dockerode-run",
  title: "dockerode `docker.run(image, cmd, stream, createOptions)`",
  accepts: (call) => call.name === "run",
  match(call, facts) {
    const callee = skipOuter(call.getExpression());
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "run" || call.getArguments().length < 3) return undefined;
    const receiver = skipOuter(callee.getExpression());
    const receiverName = Node.isPropertyAccessExpression(receiver) ? receiver.getName() : receiver.getText();
    // `class DockerEngine extends Dockerode { … super.run(image, cmd, stream, opts) }` (lando): dockerode's own run.
    const inherited = Node.isSuperExpression(receiver) && extendsDockerode(call);
    if (!inherited && !/docker/i.test(receiverName) && !facts.dockerodeInstances().has(receiverName)) return undefined;
    return toSite("dockerode-run", callee.getNameNode(), "docker.run()", analyzeDockerodeRun(call, facts.text));
  },
};

/** The names dockerode's class has in a file: its default import, or `const Docker = require("dockerode")`. */
function dockerodeClassNames(sf: SourceFile): Set<string> {
  const classNames = new Set<string>();
  for (const declaration of sf.getImportDeclarations()) {
    if (declaration.getModuleSpecifierValue() === "dockerode") {
      const local = declaration.getDefaultImport() ?? declaration.getNamespaceImport();
      if (local) classNames.add(local.getText());
    }
  }
  for (const declaration of descendantsOfKind(sf, SyntaxKind.VariableDeclaration)) {
    const init = skipOuter(declaration.getInitializer());
    if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== "require") continue;
    const [specifier] = init.getArguments();
    if (specifier && Node.isStringLiteral(specifier) && specifier.getLiteralValue() === "dockerode" && Node.isIdentifier(declaration.getNameNode())) {
      classNames.add(declaration.getName());
    }
  }
  return classNames;
}

/** Inside a class that extends dockerode's. */
function extendsDockerode(call: CallExpression): boolean {
  const cls = call.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a));
  const base = cls && (Node.isClassDeclaration(cls) || Node.isClassExpression(cls)) ? cls.getExtends()?.getExpression().getText() : undefined;
  return base !== undefined && dockerodeClassNames(call.getSourceFile()).has(base);
}

/** Names bound to `new Docker()` where Docker is dockerode's default export (`const engine = new Docker()`). */
export function dockerodeInstanceNames(sf: SourceFile): Set<string> {
  const classNames = dockerodeClassNames(sf);
  const names = new Set<string>();
  if (classNames.size === 0) return names;
  for (const created of descendantsOfKind(sf, SyntaxKind.NewExpression)) {
    if (!classNames.has(skipOuter(created.getExpression()).getText())) continue;
    const holder = outerParent(created);
    if (Node.isVariableDeclaration(holder) || Node.isPropertyDeclaration(holder) || Node.isPropertyAssignment(holder)) {
      names.add(holder.getName());
    } else if (Node.isBinaryExpression(holder)) {
      const left = holder.getLeft();
      names.add(Node.isPropertyAccessExpression(left) ? left.getName() : left.getText());
    }
  }
  return names;
}

/** `docker.run(image, cmd, stream, createOptions?, startOptions?, callback?)`. */
function analyzeDockerodeRun(call: CallExpression, text: string): Analysis {
  const args = call.getArguments();
  const createOptions = args[3];
  const inner = skipOuter(createOptions);
  if (!createOptions || Node.isArrowFunction(inner) || Node.isFunctionExpression(inner)) {
    const item = (rt: RuntimeRef) => `{ HostConfig: { Runtime: ${rt.expr} } }`;
    return {
      state: "fixable",
      plan: (rt) => ({
        edits: [
          createOptions
            ? insertItemBefore(text, createOptions, item(rt))
            : appendItem(text, argumentShape(call)!, item(rt)),
        ],
        what: `create options \`${item(rt)}\``,
      }),
    };
  }
  return analyzeCreateOptions(createOptions, text);
}

