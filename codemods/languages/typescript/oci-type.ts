// One `OciRuntime` type per package (per npm package of a monorepo): declared (exported) once, next to the first owner
// that needs it or where the package already declares it, and imported everywhere else in that package. An
// `export =` module can have no ES exports: it gets a local type of its own.
import { existsSync } from "node:fs";
import { posix } from "node:path";
import type { SourceFile as TsSourceFile } from "ts-morph";
import { Node, SyntaxKind } from "./ts-morph.js";
import type { Edit } from "../../model/types.js";
import type { FileCtx } from "./edges.js";
import { quoted } from "./file-style.js";
import { insertAfterImports, insertRelativeImport } from "./after-imports.js";
import { appendItem, insertAt } from "./list-insert.js";
import { resolveRelative } from "./module-links.js";

/** The `OciRuntime` of every npm package the group holds: a monorepo's workspaces each declare their own, since a file
 *  may not import across a package boundary (`../../../../apps/supervisor/src/types.js` from `packages/cli`). */
export class OciTypes {
  private readonly byPackage = new Map<string, PackageOciType>();

  /** `siteFiles`: the files that create containers; a package with several types modules declares the type in the
   *  one nearest to them (the layer that runs containers, not a feature that merely uses it). */
  constructor(
    private readonly ctxs: FileCtx[],
    private readonly siteFiles: ReadonlySet<FileCtx> = new Set(),
    /** `import { X, type Y }` needs TypeScript 4.5; a package pinned below it gets `import type { Y }` statements. */
    private readonly inlineType = true,
  ) {}

  /** Edits that make `OciRuntime` usable in the file (none when it already is, or was made so by an earlier owner). */
  ensure(ctx: FileCtx): Edit[] {
    return this.of(ctx).ensure(ctx);
  }

  /** The declarations types modules owe the files that import them, when no edit of their own carried them. */
  owedDeclarations(): { ctx: FileCtx; edit: Edit }[] {
    return [...this.byPackage.values()].flatMap((p) => p.owedDeclaration() ?? []);
  }

  private of(ctx: FileCtx): PackageOciType {
    const root = packageRoot(ctx.file.path);
    let found = this.byPackage.get(root);
    if (!found) {
      const inPackage = this.ctxs.filter((c) => packageRoot(c.file.path) === root);
      this.byPackage.set(root, (found = new PackageOciType(inPackage, inPackage.filter((c) => this.siteFiles.has(c)), this.inlineType)));
    }
    return found;
  }
}

/** Whether a package.json's `typescript` dependency admits only TypeScript `min` or newer: the lowest version its range
 *  names (`~4.0.5` → 4.0). A package that names none (or none is read) is taken to use a current one. */
export function typescriptAtLeast(manifestText: string | undefined, min: [number, number]): boolean {
  let manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(manifestText ?? "{}");
  } catch {
    return true;
  }
  const range = manifest.devDependencies?.typescript ?? manifest.dependencies?.typescript ?? manifest.peerDependencies?.typescript;
  const lowest = typeof range === "string" ? /(\d+)\.(\d+)/.exec(range) : null;
  if (!lowest) return true;
  const [major, minor] = [Number(lowest[1]), Number(lowest[2])];
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

/** The nearest folder above `path` with a package.json ("" when none: files read from memory, a bare folder). */
const roots = new Map<string, string>();

function packageRoot(path: string): string {
  const walked: string[] = [];
  let root = "";
  for (let dir = posix.dirname(path.replace(/\\/g, "/")); ; dir = posix.dirname(dir)) {
    const known = roots.get(dir);
    if (known !== undefined) {
      root = known;
      break;
    }
    walked.push(dir);
    if (existsSync(`${dir}/package.json`)) {
      root = dir;
      break;
    }
    if (posix.dirname(dir) === dir) break;
  }
  for (const dir of walked) roots.set(dir, root);
  return root;
}

class PackageOciType {
  /** Where the type is, or will be, declared. */
  private declaredIn: FileCtx | undefined;
  /** declaredIn is a types module that still owes the declaration other files import. */
  private owed = false;
  private importedFromOwed = false;
  private readonly handled = new Set<FileCtx>();
  /** How the package writes relative imports, for a file that has none of its own to copy. */
  private readonly extensions: ExtensionStyle;
  constructor(
    ctxs: FileCtx[],
    siteFiles: FileCtx[],
    private readonly inlineType: boolean,
  ) {
    // From its TypeScript sources only: a `.mjs` script beside them must name extensions whatever they do.
    this.extensions = extensionStyle(ctxs.filter((ctx) => /\.tsx?$/.test(ctx.file.rel)).flatMap(relativeSpecifiers));
    this.declaredIn = ctxs.find((ctx) => ctx.sf.getTypeAlias("OciRuntime")?.hasExportKeyword() && !usesExportEquals(ctx.sf));
    if (this.declaredIn) return;
    // A package that keeps its types in a module of their own gets this one there too.
    this.declaredIn = nearest(ctxs.filter(isTypesModule), siteFiles);
    this.owed = !!this.declaredIn;
  }

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
    return [importFrom(ctx, this.declaredIn, this.extensions, this.inlineType)];
  }

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
 *  `import type { OciRuntime } from "./sandbox.js";`, written the way the file writes its other relative imports, or
 *  the package does when the file has none (an ESM package under nodenext rejects a specifier without one). */
function importFrom(ctx: FileCtx, target: FileCtx, packageStyle: ExtensionStyle, inlineType: boolean): Edit {
  const rels = new Set([target.file.rel]);
  const existing = ctx.sf.getImportDeclarations().find((d) => resolveRelative(ctx.file.rel, ctx.unalias(d.getModuleSpecifierValue()), rels) === target.file.rel && !d.getNamespaceImport());
  const named = existing?.getImportClause()?.getNamedBindings();
  if (existing && named && Node.isNamedImports(named) && (existing.isTypeOnly() || inlineType)) {
    const item = existing.isTypeOnly() ? "OciRuntime" : "type OciRuntime";
    const shape = { items: named.getElements(), open: named.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken), close: named.getLastChildByKindOrThrow(SyntaxKind.CloseBraceToken), padEmpty: true };
    return appendItem(ctx.file.text, shape, item);
  }
  const defaultImport = existing?.getDefaultImport();
  if (existing && defaultImport && !existing.isTypeOnly() && inlineType) return insertAt(defaultImport.getEnd(), ", { type OciRuntime }");
  // Below TypeScript 4.5: a statement of its own, from the module as the file already names it.
  if (existing && !inlineType) {
    const written = existing.getModuleSpecifierValue();
    return insertRelativeImport(ctx.sf, `import type { OciRuntime } from ${quoted(ctx.style, written)}${ctx.style.semi}`, written);
  }
  const fromDir = posix.dirname(ctx.file.rel);
  let specifier = posix.relative(fromDir, target.file.rel);
  if (!specifier.startsWith(".")) specifier = `./${specifier}`;
  const own = relativeSpecifiers(ctx);
  // An `.mts`/`.cts` module under nodenext must name the extension, whatever the package's `.ts` files do.
  const style = own.length > 0 ? extensionStyle(own) : /\.[cm]ts$/.test(ctx.file.rel) ? "js" : packageStyle;
  const written =
    style === "ts" ? specifier : style === "js" ? specifier.replace(/\.(ts|tsx)$/, ".js").replace(/\.mts$/, ".mjs").replace(/\.cts$/, ".cjs") : specifier.replace(/\.[cm]?[jt]sx?$/, "");
  return insertRelativeImport(ctx.sf, `import type { OciRuntime } from ${quoted(ctx.style, written)}${ctx.style.semi}`, written);
}

/** Relative imports written with the source's extension (`./types.ts`, allowImportingTsExtensions), the emitted one
 *  (`./types.js`, ESM), or none. */
type ExtensionStyle = "ts" | "js" | "none";

function relativeSpecifiers(ctx: FileCtx): string[] {
  return ctx.sf
    .getImportDeclarations()
    .map((d) => d.getModuleSpecifierValue())
    .filter((s) => s.startsWith("."));
}

/** The style most of `specifiers` use; none when there are none. */
function extensionStyle(specifiers: string[]): ExtensionStyle {
  const count = { ts: 0, js: 0, none: 0 };
  for (const s of specifiers) count[/\.[cm]?tsx?$/.test(s) ? "ts" : /\.[cm]?jsx?$/.test(s) ? "js" : "none"]++;
  if (count.ts === 0 && count.js === 0) return "none";
  return count.ts > count.js ? "ts" : "js";
}

/** The types module nearest the files that create containers: one they import, else the fewest folders away from one
 *  (`strategies/types.ts` before `clients/compose/types.ts` for `utils/run.ts`). */
function nearest(modules: FileCtx[], siteFiles: FileCtx[]): FileCtx | undefined {
  if (modules.length <= 1 || siteFiles.length === 0) return modules[0];
  const rels = new Set(modules.map((m) => m.file.rel));
  const imported = new Set(siteFiles.flatMap((site) => relativeSpecifiers(site).map((s) => resolveRelative(site.file.rel, s, rels))));
  const direct = modules.find((m) => imported.has(m.file.rel));
  if (direct) return direct;
  const steps = (a: string, b: string) => {
    const x = posix.dirname(a).split("/");
    const y = posix.dirname(b).split("/");
    let i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) i++;
    return x.length - i + (y.length - i);
  };
  const distance = (m: FileCtx) => Math.min(...siteFiles.map((site) => steps(m.file.rel, site.file.rel)));
  return modules.reduce((best, m) => (distance(m) < distance(best) ? m : best));
}
