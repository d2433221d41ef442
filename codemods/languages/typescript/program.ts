// The TS/JS frontend's facts for one group: one in-memory ts-morph Project (no type checking, no dependency
// resolution), container sites per file, units (top-level classes and functions) as owners, and the calls that build
// them across files. The shared planner decides; this file only answers.
import { DEFAULT_RUNTIME_VARIABLE } from "../../driver/defaults.js";
import { otherEngineReason } from "../../model/docker-cli.js";
import { delegationReason } from "../../model/third-party.js";
import type { CallExpression, NewExpression, SourceFile as TsSourceFile, TypeNode } from "ts-morph";
import { Node, Project, ts } from "./ts-morph.js";
import { lineCol } from "../../driver/apply-edits.js";
import type { Holder, NameStatus, OwnerFact, Program, SiteFact } from "../../model/frontend.js";
import { NO_CONTEXT, type CodemodOptions, type GroupContext, type SourceFile } from "../../model/types.js";
import { findContainerSites, type Site } from "./sites/index.js";
import { callEdges, reaches, type FileCtx, type TsEdge } from "./edges.js";
import { sharedMembers } from "./shared-members.js";
import { Hierarchy } from "./hierarchy.js";
import { detectStyle, quoted, shareQuotes } from "./file-style.js";
import { exportedLocals, importBindings, importedModules, reExports } from "./module-links.js";
import { fileAt } from "./resolve-unit.js";
import { OciTypes, typescriptAtLeast } from "./oci-type.js";
import { aliasResolver, unaliased, unaliasedSpecifier, type PathAlias } from "./path-aliases.js";
import { tsOwnerPlan } from "./owner-adapter.js";
import { parseErrorOf } from "./parse-error.js";
import { skipOuter } from "./syntax-helpers.js";
import { nameStatus } from "./runtime-name.js";
import { declaredObjectType, localObjectType, unwrapOptionsType, type OptionsType } from "./type-members.js";
import { collectUnits, enclosingUnit, type Unit } from "./units.js";
import { handedOnUnits } from "./handed-on.js";
import { objectLiteralMethod } from "./object-literal-method.js";
import { moduleCacheOf } from "./module-cache.js";

const JS_EXTENSIONS = [".js", ".jsx", ".mjs", ".cjs"];

export interface TsOwner extends OwnerFact {
  unit: Unit;
}

export function typescriptSession(options: CodemodOptions, context: GroupContext = NO_CONTEXT) {
  const aliases = aliasResolver(context);
  // `import { X, type Y }` needs TypeScript 4.5: a package pinned below it gets `import type { Y }` statements.
  const inlineTypeImports = typescriptAtLeast(context.projectFile("package.json"), [4, 5]);
  // One project for every round of the reading: a file read in an earlier round is not parsed again (dokploy's
  // reading grows over three rounds of ~240 files). Nothing edits these trees; edits are text.
  const parsed = sourceFiles();
  return {
    async analyze(files: SourceFile[]): Promise<Program> {
      return typescriptProgram(files, options, aliases, inlineTypeImports, parsed);
    },
    dispose() {},
  };
}

/** Parsed files by path, in one in-memory project without type checking. */
function sourceFiles(): (file: SourceFile) => TsSourceFile {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipFileDependencyResolution: true,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { allowJs: true, noResolve: true, noLib: true, jsx: ts.JsxEmit.Preserve },
  });
  const byPath = new Map<string, TsSourceFile>();
  return (file) => {
    let sf = byPath.get(file.path);
    if (!sf) byPath.set(file.path, (sf = project.createSourceFile(file.path, file.text, { overwrite: true })));
    return sf;
  };
}

function typescriptProgram(
  files: SourceFile[],
  options: CodemodOptions,
  aliasesFor: (fromRel: string) => PathAlias[],
  inlineTypeImports: boolean,
  parsed: (file: SourceFile) => TsSourceFile,
): Program {
  const errors: Program["errors"] = [];
  const ctxs: FileCtx[] = [];
  for (const file of files) {
    const sf = parsed(file);
    const error = parseErrorOf(sf.compilerNode);
    if (error) {
      errors.push({ path: file.path, reason: `does not parse: ${error}` });
      continue;
    }
    const typed = !JS_EXTENSIONS.some((ext) => file.path.endsWith(ext));
    ctxs.push({
      file,
      sf,
      style: detectStyle(sf, typed),
      units: collectUnits(sf, ctxs.length),
      imports: unaliased(importBindings(sf), file.rel, aliasesFor(file.rel)),
      unalias: (specifier) => unaliasedSpecifier(specifier, file.rel, aliasesFor(file.rel)),
      exports: exportedLocals(sf),
      reexports: reExports(sf),
    });
  }
  shareQuotes(ctxs.map((ctx) => ctx.style));
  const unitsByNode = new Map<ts.Node, Unit>();
  for (const ctx of ctxs) for (const unit of ctx.units) unitsByNode.set(unit.node.compilerNode, unit);
  const owners = new Map<Unit, TsOwner>();
  const handed = handedOnUnits(ctxs);
  const ownerOf = (unit: Unit): TsOwner => {
    let owner = owners.get(unit);
    if (!owner) {
      const file = ctxs[unit.fileIndex]!.file;
      owner = { key: `${file.path}#${unit.node.getStart()}`, file, at: unit.nameNode.getStart(), name: unit.name, kind: unit.kind, isEntry: unit.isLoadEnvironment, unit };
      const outside = handed.get(unit);
      if (outside) owner.calledFromOutside = outside;
      owners.set(unit, owner);
    }
    return owner;
  };
  const hierarchy = new Hierarchy(ctxs);
  // A class's code reads the runtime its hierarchy's top-most class holds.
  const holderAt = (node: Node): Holder => {
    const enclosing = enclosingUnit(node, unitsByNode);
    if (!enclosing) {
      const method = objectLiteralMethod(node);
      return method ? { blocked: `in \`${method}\`, a function of an object literal whose callers crunify cannot follow: give it a way to receive the runtime (an option of what it is given, such as its config) and read it here, by hand` } : { module: true };
    }
    if (enclosing.inStatic) return { blocked: "in a static member `this` is the class, not an instance, so there is no `this.runtime` to read: give the static method a `runtime` parameter, pass it on here, and have its callers pass theirs, by hand" };
    if (!enclosing.thisOk) return { blocked: "inside a `function` (or a class of its own) `this` is not the instance, so `this.runtime` cannot be read here: give the class a `runtime` (a constructor parameter kept as a field) and read it here through the instance (`self.runtime`, with `const self = this` in the method) or from an arrow function, by hand" };
    return ownerOf(enclosing.unit.kind === "class" ? hierarchy.root(enclosing.unit) : enclosing.unit);
  };
  const lookup = (ctx: FileCtx) => (typeNode: TypeNode | undefined) => lookupType(typeNode, ctx, ctxs);
  const lexicalUnit = (node: Node) => enclosingUnit(node, unitsByNode)?.unit;
  // A function handed on as a value takes no runtime (handed-on.ts): its own containers keep the default.
  const siteHolderAt = (node: Node): Holder => {
    const unit = lexicalUnit(node);
    return unit && handed.has(unit) ? { module: true, why: `in ${unit.name}(), which ${handed.get(unit)!.replace(/ \(.*\)$/, "")}` } : holderAt(node);
  };
  const siteFiles = new Set<FileCtx>();
  const sites = ctxs.flatMap((ctx) =>
    findContainerSites(ctx.sf, ctx.style, options.runtimeVariable ?? DEFAULT_RUNTIME_VARIABLE).map((site) => (siteFiles.add(ctx), siteFact(ctx, site, siteHolderAt, lexicalUnit))),
  );
  const ociTypes = new OciTypes(ctxs, siteFiles, inlineTypeImports);
  // A call whose result a function keeps in a module variable: its first caller's runtime would hold for every later one.
  const edgeHolderAt = (call: Node): Holder => {
    const cache = moduleCacheOf(call);
    const unit = cache ? enclosingUnit(call, unitsByNode)?.unit : undefined;
    if (!cache || !unit) return holderAt(call);
    return { blocked: `${unit.name}() keeps what it builds in ${cache}, so the first caller's runtime would hold for every later call; choose the runtime where it is filled` };
  };
  const edges = ctxs.flatMap((ctx) => callEdges(ctx, { ctxs, hierarchy, holderAt: edgeHolderAt, ownerOf, runtimeDefault: options.runtimeDefault }));
  const entryUnit = ctxs.flatMap((ctx) => ctx.units).find((u) => u.isLoadEnvironment);
  const asTs = (owner: OwnerFact) => owner as TsOwner;

  return {
    errors,
    sites,
    entry: entryUnit ? ownerOf(entryUnit) : null,
    entryUsesPackage: () => edges.some((edge) => "key" in edge.caller && (edge.caller as TsOwner).unit === entryUnit),
    nameStatus: (owner, name) => hierarchyStatus(asTs(owner).unit, (unit) => nameStatus(unit, name, lookup(ctxs[unit.fileIndex]!)), hierarchy),
    plan: (owner, name) => {
      const unit = asTs(owner).unit;
      const ctx = ctxs[unit.fileIndex]!;
      const deps = { runtimeDefault: options.runtimeDefault, lookupType: lookup(ctx), ociTypes, hierarchy, maxArgs: maxArgs(edges, unit) };
      return tsOwnerPlan(unit, name, ctx, deps);
    },
    finish: (planned) => sharedMembers(planned, ctxs, ociTypes, options.runtimeDefault),
    constructions: (owner) => edges.filter((edge) => edge.callee === asTs(owner).unit),
    reaches: (edge, readers) => reaches(edge, readers, hierarchy, lexicalUnit),
    literal: (file, value) => quoted(ctxs.find((c) => c.file === file)!.style, value),
    delegatedTo: () => delegatedTo(ctxs, options),
    // A subclass inherits its base's constructor: a file that builds only the subclass (`new Deep()`) builds the owner.
    relatedNames: (involved) => ({
      mentioned: [...new Set(involved.flatMap((o) => [o.name, ...importedOptionTypes(asTs(o).unit, ctxs), ...subclassNames(asTs(o).unit, hierarchy)]))],
      defined: [],
    }),
    dispose() {},
  };
}

/** A class's runtime field is seen by its subclasses too: the name must be free (or ours) in every one of them. */
function subclassNames(unit: Unit, hierarchy: Hierarchy): string[] {
  return unit.kind === "class" ? hierarchy.descendants(unit).map((sub) => sub.name) : [];
}

function hierarchyStatus(unit: Unit, status: (unit: Unit) => NameStatus, hierarchy: Hierarchy): NameStatus {
  const statuses = [unit, ...(unit.kind === "class" ? hierarchy.descendants(unit) : [])].map(status);
  for (const answer of ["taken", "ours", "unclear"] as const) if (statuses.includes(answer)) return answer;
  return "free";
}

/** Types an owner's parameters name that its file imports (`SandboxOptions` from "./types.js"): the file declaring
 *  one must join the group, since the runtime may become a member of it. */
function importedOptionTypes(unit: Unit, ctxs: FileCtx[]): string[] {
  const ctx = ctxs[unit.fileIndex]!;
  const signature = Node.isClassDeclaration(unit.node) ? unit.node.getConstructors().find((c) => c.hasBody()) : unit.node;
  const names: string[] = [];
  for (const param of signature?.getParameters() ?? []) {
    const { inner } = unwrapOptionsType(param.getTypeNode());
    if (inner && Node.isTypeReference(inner) && ctx.imports.has(inner.getTypeName().getText())) names.push(inner.getTypeName().getText());
  }
  return names;
}

/** The most arguments a call of the group passes to `unit` (Infinity when one spreads its arguments). */
function maxArgs(edges: TsEdge[], unit: Unit): number {
  let most = 0;
  for (const edge of edges) {
    if (edge.callee !== unit) continue;
    const args = (edge.node as CallExpression | NewExpression).getArguments();
    most = Math.max(most, args.some((a) => Node.isSpreadElement(a)) ? Infinity : args.length);
  }
  return most;
}

function siteFact(ctx: FileCtx, site: Site, holderAt: (node: Node) => Holder, lexicalUnit: (node: Node) => Unit | undefined): SiteFact {
  const holder = holderAt(site.node);
  const text = ctx.file.text;
  const base = {
    kind: site.kind,
    file: ctx.file,
    node: site.node,
    at: site.node.getStart(),
    ignoreLines: ignoreLines(text, site.node),
    label: site.label,
    context: "key" in holder ? holder.name : null,
    // dockerode leaves `HostConfig.Runtime: undefined` to the engine; an argv or a shell string cannot hold it.
    acceptsUnset: site.kind === "dockerode-create" || site.kind === "dockerode-run" || site.kind === "node-docker-api-create",
    viaComposeVariable: site.viaComposeVariable || site.kind === "docker-compose-call" || site.kind === "docker-compose-package" || site.kind === "docker-compose-wrapper",
    holder,
  };
  if (site.state === "wired") return { ...base, state: { kind: "wired", ...heldName(site.runtime) } };
  if (site.state === "manual") return { ...base, state: { kind: "manual", reason: site.reason! } };
  // Options declared outside the unit (a module constant) cannot see the runtime.
  const unit = lexicalUnit(site.node);
  if ("key" in holder && unit && !editsStayInside(site, unit)) {
    return { ...base, state: { kind: "manual", reason: `its options are declared outside ${unit.name}, where the runtime is not in scope` } };
  }
  return { ...base, state: { kind: "fixable", fix: (rt) => { const { edits, fileEdits = [], what } = site.plan!(rt); return { edits: [...edits, ...fileEdits], add: what }; } } };
}

/** `this.runtime`, `runtime`, `opts.runtime ?? "crun"`: the name the site reads. */
function heldName(runtime: Node | undefined): { holder?: string } {
  let node = skipOuter(runtime);
  if (node && Node.isBinaryExpression(node)) node = skipOuter(node.getLeft());
  if (node && Node.isIdentifier(node)) return { holder: node.getText() };
  if (node && Node.isPropertyAccessExpression(node)) return { holder: node.getName() };
  return {};
}

/** The site's line, and the line of the statement holding it (a call split over lines). */
function ignoreLines(text: string, node: Node): number[] {
  const lines = [lineCol(text, node.getStart()).line];
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (Node.isStatement(current)) {
      lines.push(lineCol(text, current.getStart()).line);
      break;
    }
    if (Node.isFunctionLikeDeclaration(current) || Node.isClassDeclaration(current) || Node.isClassExpression(current)) break;
  }
  return lines;
}

function editsStayInside(site: Site, unit: Unit): boolean {
  const { edits } = site.plan!({ expr: "runtime", atomic: true });
  return edits.every((e) => e.start >= unit.node.getStart() && e.end <= unit.node.getEnd());
}

/** An options type named by an annotation (through Partial/Readonly/Required): declared in the same file, or
 *  imported from a file of the group. */
function lookupType(typeNode: TypeNode | undefined, ctx: FileCtx, ctxs: FileCtx[]): OptionsType | undefined {
  const { inner, required } = unwrapOptionsType(typeNode);
  const local = localObjectType(inner);
  if (local) return { holder: local, required, local: true };
  // A generic options type (`UpdateArtifact<Config>`) takes the member as a plain one does: it does not depend on T.
  if (!inner || !Node.isTypeReference(inner)) return undefined;
  const binding = ctx.imports.get(inner.getTypeName().getText());
  const target = binding ? fileAt(ctx.file.rel, binding.specifier, ctxs) : undefined;
  if (!target || !binding) return undefined;
  const holder = declaredObjectType(target.sf, target.exports.get(binding.imported) ?? binding.imported);
  return holder && { holder, required, local: false };
}

function delegatedTo(ctxs: FileCtx[], options: CodemodOptions): string | null {
  const engine = otherEngineReason(ctxs.map((ctx) => ctx.sf.getFullText()));
  if (engine) return engine;
  for (const ctx of ctxs) {
    for (const { specifier, names } of importedModules(ctx.sf)) {
      const reason = delegationReason(options.thirdParty, specifier, names, "/");
      if (reason) return reason;
    }
  }
  return null;
}
