// Which names a file imports from which other file of the group, and which local names it exports: enough to follow
// `new DockerSandbox()` across files without a type checker. ESM imports/exports and CommonJS require/module.exports.
import type { SourceFile } from "ts-morph";
import { Node, SyntaxKind } from "./ts-morph.js";
import { skipOuter } from "./syntax-helpers.js";

export interface ImportBinding {
  /** Module specifier as written, e.g. "./sandbox.js". */
  specifier: string;
  /** Exported name it refers to: "default", a name, or "*" for a namespace / whole-module require. */
  imported: string;
}

/** Local name → binding. */
export function importBindings(sf: SourceFile): Map<string, ImportBinding> {
  const bindings = new Map<string, ImportBinding>();
  for (const declaration of sf.getImportDeclarations()) {
    const specifier = declaration.getModuleSpecifierValue();
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) bindings.set(defaultImport.getText(), { specifier, imported: "default" });
    const namespace = declaration.getNamespaceImport();
    if (namespace) bindings.set(namespace.getText(), { specifier, imported: "*" });
    for (const named of declaration.getNamedImports()) {
      const local = named.getAliasNode()?.getText() ?? named.getName();
      bindings.set(local, { specifier, imported: named.getName() });
    }
  }
  // `import Sandbox = require("./sandbox")`: the whole module, as a CommonJS require.
  for (const declaration of sf.getStatements().filter(Node.isImportEqualsDeclaration)) {
    const reference = declaration.getModuleReference();
    if (!Node.isExternalModuleReference(reference)) continue;
    const specifier = reference.getExpression();
    if (specifier && Node.isStringLiteral(specifier)) bindings.set(declaration.getName(), { specifier: specifier.getLiteralValue(), imported: "*" });
  }
  // `const { default: Runner } = await import("./runner.js")` binds like a require, and sits inside the function that
  // loads it lazily: read from anywhere in the file, where no top-level import binds the name already.
  const lazy = !/\bimport\s*\(/.test(sf.getFullText())
    ? []
    : sf.getDescendantsOfKind(SyntaxKind.ImportKeyword).flatMap((keyword) => {
        const declaration = keyword.getParentIfKind(SyntaxKind.CallExpression)?.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
        return declaration && !Node.isSourceFile(declaration.getVariableStatement()?.getParent()) ? [declaration] : [];
      });
  const topLevel = sf.getVariableStatements().flatMap((statement) => statement.getDeclarations());
  for (const declaration of [...topLevel, ...lazy]) {
    const specifier = requiredModule(declaration.getInitializer());
    if (specifier === undefined) continue;
    const name = declaration.getNameNode();
    const bind = (local: string, binding: ImportBinding) => {
      if (!bindings.has(local)) bindings.set(local, binding);
    };
    if (Node.isIdentifier(name)) bind(name.getText(), { specifier, imported: "*" });
    if (Node.isObjectBindingPattern(name)) {
      for (const element of name.getElements()) {
        const imported = element.getPropertyNameNode()?.getText() ?? element.getName();
        bind(element.getName(), { specifier, imported });
      }
    }
  }
  return bindings;
}

/** Every module specifier the file imports or requires (for the third-party check). */
export function importedModules(sf: SourceFile): { specifier: string; names: string[] }[] {
  const modules: { specifier: string; names: string[] }[] = [];
  const byModule = new Map<string, string[]>();
  for (const [local, binding] of importBindings(sf)) {
    const names = byModule.get(binding.specifier) ?? [];
    names.push(binding.imported === "*" || binding.imported === "default" ? local : binding.imported);
    byModule.set(binding.specifier, names);
  }
  for (const [specifier, names] of byModule) modules.push({ specifier, names });
  return modules;
}

/** `require("./x")`, also `(require("./x"))`, `await require(...)` and `await import("./x")`. */
function requiredModule(wrapped: Node | undefined): string | undefined {
  const node = skipOuter(wrapped);
  const call = node && Node.isAwaitExpression(node) ? skipOuter(node.getExpression()) : node;
  const callee = call && Node.isCallExpression(call) ? skipOuter(call.getExpression()) : undefined;
  if (!call || !Node.isCallExpression(call) || !callee || (callee.getText() !== "require" && callee.getKind() !== SyntaxKind.ImportKeyword)) return undefined;
  const arg = skipOuter(call.getArguments()[0]);
  return arg && Node.isStringLiteral(arg) ? arg.getLiteralValue() : undefined;
}

/** Exported name → local name ("default" for default exports; "*" for `module.exports = X`). */
export function exportedLocals(sf: SourceFile): Map<string, string> {
  const exports = new Map<string, string>();
  for (const statement of sf.getStatements()) {
    if (Node.isClassDeclaration(statement) || Node.isFunctionDeclaration(statement)) {
      const name = statement.getName();
      // Keyword checks, not isExported()/isDefaultExport(): those ask the type checker, which builds a Program.
      if (statement.hasDefaultKeyword()) exports.set("default", name ?? "default");
      else if (statement.hasExportKeyword() && name) exports.set(name, name);
    } else if (Node.isVariableStatement(statement) && statement.hasExportKeyword()) {
      for (const declaration of statement.getDeclarations()) exports.set(declaration.getName(), declaration.getName());
    } else if (Node.isExportDeclaration(statement) && !statement.getModuleSpecifier()) {
      for (const named of statement.getNamedExports()) {
        exports.set(named.getAliasNode()?.getText() ?? named.getName(), named.getName());
      }
    } else if (Node.isExportAssignment(statement)) {
      // `export default X`; `export = X` is the whole module, as `module.exports = X` is.
      const expression = skipOuter(statement.getExpression());
      if (Node.isIdentifier(expression)) exports.set("default", expression.getText());
      if (Node.isIdentifier(expression) && statement.isExportEquals()) exports.set("*", expression.getText());
    } else if (Node.isExpressionStatement(statement)) {
      addCommonJsExports(statement.getExpression(), exports);
    }
  }
  return exports;
}

/** What a file re-exports from others (a barrel: `export { Runner } from "./Runner"`, `export { default } from
 *  "./Runner.js"`, `export * from "./runner"`): exported name → where it comes from, and the modules of `export *`. */
export interface ReExports {
  named: Map<string, ImportBinding>;
  star: string[];
}

export function reExports(sf: SourceFile): ReExports {
  const out: ReExports = { named: new Map(), star: [] };
  for (const declaration of sf.getExportDeclarations()) {
    const specifier = declaration.getModuleSpecifierValue();
    if (specifier === undefined) continue;
    const namespace = declaration.getNamespaceExport();
    if (namespace) out.named.set(namespace.getName(), { specifier, imported: "*" });
    else if (!declaration.hasNamedExports()) out.star.push(specifier);
    for (const named of declaration.getNamedExports()) out.named.set(named.getAliasNode()?.getText() ?? named.getName(), { specifier, imported: named.getName() });
  }
  return out;
}

/** `module.exports = { A, B }`, `module.exports = A`, `exports.A = A`, `module.exports.A = A`. */
function addCommonJsExports(wrapped: Node, exports: Map<string, string>): void {
  const expression = skipOuter(wrapped);
  if (!Node.isBinaryExpression(expression) || expression.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return;
  const target = expression.getLeft().getText();
  const value = skipOuter(expression.getRight());
  if (target === "module.exports") {
    if (Node.isIdentifier(value)) {
      exports.set("*", value.getText());
      exports.set("default", value.getText());
    } else if (Node.isObjectLiteralExpression(value)) {
      for (const property of value.getProperties()) {
        if (Node.isShorthandPropertyAssignment(property)) exports.set(property.getName(), property.getName());
        if (!Node.isPropertyAssignment(property)) continue;
        const initializer = skipOuter(property.getInitializer());
        if (Node.isIdentifier(initializer)) exports.set(property.getName(), initializer.getText());
      }
    }
  } else if ((target.startsWith("exports.") || target.startsWith("module.exports.")) && Node.isIdentifier(value)) {
    exports.set(target.slice(target.lastIndexOf(".") + 1), value.getText());
  }
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** Resolve a relative specifier from `fromRel` to one of the group's files (by rel path), as NodeNext/bundlers do:
 *  exact file, `.js` written for a `.ts` source, extension omitted, or a directory's index. */
export function resolveRelative(fromRel: string, specifier: string, rels: { has(rel: string): boolean }): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = joinRel(fromRel.includes("/") ? fromRel.slice(0, fromRel.lastIndexOf("/")) : "", specifier);
  const stem = base.replace(/\.(?:[mc]?js|jsx)$/, "");
  const candidates = [base, ...SOURCE_EXTENSIONS.map((ext) => stem + ext), ...SOURCE_EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  return candidates.find((candidate) => rels.has(candidate));
}

function joinRel(dir: string, specifier: string): string {
  const parts = dir ? dir.split("/") : [];
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}
