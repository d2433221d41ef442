// One `OciRuntime` type per package: declared (exported) once, next to the first owner that needs it or where the
// package already declares it, and imported everywhere else. An `export =` module can have no ES exports: it gets a
// local type of its own.
import { posix } from "node:path";
import type { SourceFile as TsSourceFile } from "ts-morph";
import { Node, SyntaxKind } from "./ts-morph.js";
import type { Edit } from "../../model/types.js";
import type { FileCtx } from "./edges.js";
import { quoted } from "./file-style.js";
import { insertAfterImports, insertRelativeImport } from "./after-imports.js";
import { appendItem, insertAt } from "./list-insert.js";
import { resolveRelative } from "./module-links.js";

export class OciTypes {
  /** Where the type is, or will be, declared. */
  private declaredIn: FileCtx | undefined;
  /** declaredIn is a types module that still owes the declaration other files import. */
  private owed = false;
  private importedFromOwed = false;
  private readonly handled = new Set<FileCtx>();

  constructor(ctxs: FileCtx[]) {
    this.declaredIn = ctxs.find((ctx) => ctx.sf.getTypeAlias("OciRuntime")?.hasExportKeyword() && !usesExportEquals(ctx.sf));
    if (this.declaredIn) return;
    // A package that keeps its types in a module of their own gets this one there too.
    this.declaredIn = ctxs.find((ctx) => isTypesModule(ctx));
    this.owed = !!this.declaredIn;
  }

  /** Edits that make `OciRuntime` usable in the file (none when it already is, or was made so by an earlier owner). */
  ensure(ctx: FileCtx): Edit[] {
    if (hasOciType(ctx.sf) || this.handled.has(ctx)) return [];
    this.handled.add(ctx);
    if (usesExportEquals(ctx.sf)) return [declaration(ctx, false)];
    if (!this.declaredIn || ctx === this.declaredIn) {
      this.declaredIn = ctx;
      this.owed = false;
      return [declaration(ctx, true)];
    }
    if (this.owed) this.importedFromOwed = true;
    return [importFrom(ctx, this.declaredIn)];
  }

  /** The declaration a types module owes the files that import it, when no edit of its own carried it. */
  owedDeclaration(): { ctx: FileCtx; edit: Edit } | undefined {
    if (!this.owed || !this.importedFromOwed || !this.declaredIn) return undefined;
    this.owed = false;
    this.handled.add(this.declaredIn);
    return { ctx: this.declaredIn, edit: declaration(this.declaredIn, true) };
  }
}

/** What a package calls its types module (`types.ts`, `src/types/index.ts`, `sandbox.types.ts`, `interfaces.ts`): a
 *  file that merely holds interfaces (`registry-auth-locator.ts`) is about something else. */
const TYPES_MODULE_NAME = /(^|\/|[.\-_])(types?|interfaces?|definitions?)(\/index)?\.[cm]?ts$/i;

/** A TypeScript module of exported types only (interfaces, type aliases, enums, re-exports), named as one. */
function isTypesModule(ctx: FileCtx): boolean {
  if (!TYPES_MODULE_NAME.test(ctx.file.rel)) return false;
  const statements = ctx.sf.getStatements();
  const onlyTypes = statements.every((s) => Node.isImportDeclaration(s) || Node.isInterfaceDeclaration(s) || Node.isTypeAliasDeclaration(s) || Node.isEnumDeclaration(s) || Node.isExportDeclaration(s));
  const exportsOne = statements.some((s) => (Node.isInterfaceDeclaration(s) || Node.isTypeAliasDeclaration(s)) && s.hasExportKeyword());
  return ctx.style.typed && !ctx.file.rel.endsWith(".d.ts") && onlyTypes && exportsOne && !usesExportEquals(ctx.sf);
}

export function hasOciType(sf: TsSourceFile): boolean {
  return Boolean(
    sf.getTypeAlias("OciRuntime") ||
      sf.getImportDeclarations().some((d) => d.getNamedImports().some((n) => (n.getAliasNode() ?? n.getNameNode()).getText() === "OciRuntime")),
  );
}

function usesExportEquals(sf: TsSourceFile): boolean {
  return sf.getExportAssignments().some((e) => e.isExportEquals());
}

/** `export type OciRuntime = "crun" | "runc" | (string & {});` after the imports (any name still type-checks). */
function declaration(ctx: FileCtx, exported: boolean): Edit {
  const { style } = ctx;
  const alias = `${exported ? "export " : ""}type OciRuntime = ${quoted(style, "crun")} | ${quoted(style, "runc")} | (string & {})${style.semi}`;
  return insertAfterImports(ctx.sf, alias);
}

/** `type OciRuntime` joins the file's import from that module (`import { Sandbox, type OciRuntime } from …`), else
 *  `import type { OciRuntime } from "./sandbox.js";`, written the way the file writes its other relative imports. */
function importFrom(ctx: FileCtx, target: FileCtx): Edit {
  const rels = new Set([target.file.rel]);
  const existing = ctx.sf.getImportDeclarations().find((d) => resolveRelative(ctx.file.rel, d.getModuleSpecifierValue(), rels) === target.file.rel && !d.getNamespaceImport());
  const named = existing?.getImportClause()?.getNamedBindings();
  if (existing && named && Node.isNamedImports(named)) {
    const item = existing.isTypeOnly() ? "OciRuntime" : "type OciRuntime";
    const shape = { items: named.getElements(), open: named.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken), close: named.getLastChildByKindOrThrow(SyntaxKind.CloseBraceToken), padEmpty: true };
    return appendItem(ctx.file.text, shape, item);
  }
  const defaultImport = existing?.getDefaultImport();
  if (existing && defaultImport && !existing.isTypeOnly()) return insertAt(defaultImport.getEnd(), ", { type OciRuntime }");
  const fromDir = posix.dirname(ctx.file.rel);
  let specifier = posix.relative(fromDir, target.file.rel);
  if (!specifier.startsWith(".")) specifier = `./${specifier}`;
  const relatives = ctx.sf.getImportDeclarations().map((d) => d.getModuleSpecifierValue()).filter((s) => s.startsWith("."));
  const withExtension = relatives.some((s) => /\.[cm]?[jt]sx?$/.test(s));
  const mapped = specifier.replace(/\.(ts|tsx)$/, ".js").replace(/\.mts$/, ".mjs").replace(/\.cts$/, ".cjs");
  const written = withExtension ? mapped : mapped.replace(/\.[cm]?jsx?$/, "");
  return insertRelativeImport(ctx.sf, `import type { OciRuntime } from ${quoted(ctx.style, written)}${ctx.style.semi}`, written);
}
