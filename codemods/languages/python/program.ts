// The Python frontend's facts for one group: parse once (cached across the growing selection), index each module,
// find sites with every finder, and answer the planner's questions about owners and the calls that build them.
import type { Node, Parser } from "web-tree-sitter";
import { otherEngineReason } from "../../model/docker-cli.js";
import { delegationReason, importsLibrary } from "../../model/third-party.js";
import type { OwnerFact, Program, SiteFact } from "../../model/frontend.js";
import type { CodemodOptions, GroupContext, SourceFile } from "../../model/types.js";
import { candidateIndex, constructions, reaches } from "./edges.js";
import type { Candidate } from "./callee-candidates.js";
import { baseNames, importedModules, indexModule, moduleNameOf, noteInheritedModels, withSubclasses, type PyModule } from "./module-index.js";
import { planOwner } from "./owner-plan.js";
import { pythonTarget, type PythonTarget } from "./python-target.js";
import { nameStatus } from "./owner-signature.js";
import { Owners, type PyOwner } from "./owners.js";
import { describeSyntaxError, firstSyntaxError, parseWith, pythonParser } from "./parser.js";
import { Resolver, type ModuleSource } from "./resolve.js";
import { helperCallsWithout, runtimeHelper } from "./runtime-via-helper.js";
import { defName, findMethod, methodsOf, ownerClass } from "./scope.js";
import type { Site } from "./site.js";
import { SITE_FINDERS, type FinderContext, type SiteFinder } from "./sites/index.js";
import { descendants, enclosingStatement, namedChildren } from "./syntax.js";
import { handedCreateContainer } from "./sites/docker-py-low-level.js";
import { ancestorsOf, subclassesOf } from "./class-shapes.js";
import { staleDoubles } from "./test-doubles.js";

export function pythonSession(options: CodemodOptions, context: GroupContext) {
  const target = pythonTarget(context);
  const parsed = new Map<string, PyModule | null>();
  const errors: Program["errors"] = [];
  // A finder that reads only its own module finds the same sites in every round of the reading: found once.
  const found = new Map<PyModule, Map<SiteFinder, Site[]>>();
  const findSites = (mod: PyModule, finder: SiteFinder, ctx: FinderContext): Site[] => {
    if (finder.crossModule) return finder.find(mod, ctx);
    let byFinder = found.get(mod);
    if (!byFinder) found.set(mod, (byFinder = new Map()));
    let sites = byFinder.get(finder);
    if (!sites) byFinder.set(finder, (sites = finder.find(mod, ctx)));
    return sites;
  };
  const parseNow = (parser: Parser, file: SourceFile): PyModule | null => {
    if (parsed.has(file.path)) return parsed.get(file.path)!;
    const tree = parseWith(parser, file.text);
    const error = firstSyntaxError(tree.rootNode);
    let mod: PyModule | null = null;
    if (error) {
      errors.push({ path: file.path, reason: describeSyntaxError(error) });
      tree.delete();
    } else {
      mod = indexModule(file, tree);
    }
    parsed.set(file.path, mod);
    return mod;
  };
  return {
    async analyze(files: SourceFile[], readable: SourceFile[] = files, forBases: SourceFile[] = []): Promise<Program> {
      const parser = await pythonParser();
      const modules = files.map((file) => parseNow(parser, file)).filter((m): m is PyModule => m !== null);
      // A file that may only define what a read one imports is parsed when a lookup reaches it (most never are).
      const reading = new Set(files);
      const sources = readable.flatMap((file): { moduleName: string; source: ModuleSource }[] => {
        const moduleName = moduleNameOf(file.rel).name;
        if (!reading.has(file)) return [{ moduleName, source: () => parseNow(parser, file) }];
        const mod = parsed.get(file.path);
        return mod ? [{ moduleName, source: mod }] : [];
      });
      // The verdict's library imports, in file order: a file read for nothing else is parsed only when it is asked.
      const importers = importsLibrary(options.thirdParty);
      const libraryModules = () =>
        readable.flatMap((file) => {
          const mod = reading.has(file) ? parsed.get(file.path) : importers(file.text) ? parseNow(parser, file) : null;
          return mod ? [mod] : [];
        });
      const baseSources = forBases.map((file) => ({ moduleName: moduleNameOf(file.rel).name, source: () => parseNow(parser, file) }));
      return pythonProgram(new Resolver(modules, sources, baseSources), errors, options, target, context.projectFile("pyproject.toml") ?? null, findSites, libraryModules);
    },
    dispose() {
      for (const mod of parsed.values()) mod?.tree.delete();
    },
  };
}

type FindSites = (mod: PyModule, finder: SiteFinder, ctx: FinderContext) => Site[];

/** The finders whose text a module holds: asked again in every round of the reading, scanned once. */
const applicable = new WeakMap<PyModule, SiteFinder[]>();
function findersFor(mod: PyModule): SiteFinder[] {
  let finders = applicable.get(mod);
  if (!finders) applicable.set(mod, (finders = SITE_FINDERS.filter((finder) => finder.needs.test(mod.file.text))));
  return finders;
}

function pythonProgram(
  resolver: Resolver,
  errors: Program["errors"],
  options: CodemodOptions,
  target: PythonTarget,
  pyproject: string | null,
  findSites: FindSites,
  libraryModules: () => PyModule[],
): Program {
  const modules = resolver.modules;
  noteInheritedModels(modules, (mod, cls) => resolver.bases(mod, cls));
  const owners = new Owners(resolver, options.paramName);
  // A package that defines its own `create_container` method: `x.create_container(...)` is that, not docker-py's.
  const ownMethods = new Set(modules.flatMap((m) => [...m.classes.values()].flatMap((cls) => methodNames(cls))));
  const sites: SiteFact[] = modules.flatMap((mod) =>
    findersFor(mod).flatMap((finder) =>
      findSites(mod, finder, { resolver, options, pyproject })
        .filter((site) => finder.kind !== "docker-py-low-level" || !shadowedByOwnMethod(site.node, ownMethods))
        .map((site) => siteFact(site, finder.kind, owners)),
    ),
  );
  const entryModule = modules.find((m) => m.functions.has("load_environment") && !isStub(m.functions.get("load_environment")!));
  const entry = entryModule ? owners.owner(entryModule, entryModule.functions.get("load_environment")!) : null;
  const asPy = (owner: OwnerFact) => owner as PyOwner;
  const candidatesOf = candidateIndex(resolver);
  // A class a call may build beside an owner takes the runtime too when its constructor is one that creates containers,
  // or runs one that does (`super().__init__(...)`); one with an __init__ of its own that runs none takes no runtime.
  const siteClasses = new Set(sites.flatMap((s) => ("key" in s.holder && s.holder.kind === "class" ? [(s.holder as PyOwner).node.id] : [])));
  const createsContainers = (def: Candidate, depth = 0): boolean => {
    if (def.kind !== "class" || depth > 8) return false;
    const { mod, cls } = ownerClass(resolver, def.mod, def.node);
    if (siteClasses.has(def.node.id) || siteClasses.has(cls.id)) return true;
    const init = findMethod(cls, "__init__");
    return !!init && descendants(init, "call").some((call) =>
      candidatesOf.superInit(mod, call).some((base) => createsContainers({ kind: "class", mod: base.mod, node: base.cls, name: defName(base.cls) }, depth + 1)));
  };
  // An existing runtime the class hands to its own container helper (runtime-via-helper.ts): ours, left to a human.
  const helperOf = (owner: PyOwner, name: string) => {
    if (owner.kind !== "class" || nameStatus(owner.node, name, owner.mod.imports) !== "taken") return null;
    const inside = sites.filter((s) => s.file === owner.mod.file && (s.node as Node).startIndex >= owner.node.startIndex && (s.node as Node).endIndex <= owner.node.endIndex);
    return runtimeHelper(owner.node, name, inside.map((s) => s.node as Node));
  };
  return {
    // Read now, not when the result was built: a lookup may have parsed (and found broken) one more file.
    get errors() {
      return [...errors];
    },
    sites,
    entry,
    // A loader (`importlib.import_module(f"envs.{env_id}")`) builds whatever it is asked for: not this package's code.
    entryUsesPackage: () =>
      !!entry &&
      !descendants(entry.node as Node, "call").some((call) => /(^|\.)(import_module|__import__|load_module)$/.test(call.childForFieldName("function")?.text ?? "")) &&
      descendants(entry.node as Node, "call").some((call) => (candidatesOf(entryModule!, call) ?? []).length > 0),
    nameStatus: (owner, name) => {
      if (helperOf(asPy(owner), name)) return "ours";
      const own = nameStatus(asPy(owner).node, name, asPy(owner).mod.imports);
      // A subclass that means something else by the attribute (`self.runtime = "python3.12"`, a read-only `runtime`
      // property) would overwrite the base's `self.runtime` or refuse it: the base names the OCI runtime otherwise.
      if (own !== "free" || owner.kind !== "class") return own;
      if (subclassesOf(resolver, modules, asPy(owner)).some((sub) => nameStatus(sub.cls, name) === "taken")) return "taken";
      // A base that means something else by it (`LambdaContainer.__init__(self, runtime, ...)`, the Lambda runtime):
      // a subclass that passes `**kwargs` on would swallow the base's `runtime=` (aws-sam-cli).
      return ancestorsOf(resolver, asPy(owner).mod, asPy(owner).node).some((base) => nameStatus(base.node, name) === "taken") ? "taken" : own;
    },
    plan: (owner, name) => {
      const plan = planOwner(owners, asPy(owner), name, { runtimeDefault: options.runtimeDefault, target, modules, resolver });
      const helper = helperOf(asPy(owner), name);
      if (!helper) return plan;
      const without = helperCallsWithout(asPy(owner).node, helper, name);
      const lines = without.length === 1 ? `line ${without[0]}` : `lines ${without.join(", ")}`;
      const unset = without.length > 0 ? `; \`self.${helper}(...)\` at ${lines} passes no \`${name}\`, so ${without.length === 1 ? "that container gets" : "those containers get"} the engine's default: pass it there too` : "";
      const reason = `${owner.name} already takes \`${name}\` and hands it to the containers of \`${helper}(**kwargs)\` calls that pass it, deciding itself what an unset one means: make ${options.runtimeDefault} its choice there by hand${unset}`;
      return { ...plan, reason };
    },
    constructions: (owner) => constructions(asPy(owner), modules, resolver, owners, candidatesOf, createsContainers),
    reaches,
    literal: (file, value) => {
      const q = modules.find((m) => m.file === file)?.quote ?? '"';
      return `${q}${value}${q}`;
    },
    delegatedTo: () => delegatedTo(modules, libraryModules, options),
    relatedNames(involved) {
      // Owners by name, and the classes read so far that derive from one (a file may build the subclass only).
      const mentioned = withSubclasses(involved.filter((o) => !o.isEntry).map((o) => o.name), modules);
      // The bases of owners and of classes with sites: an owner's __init__ may live in its base, so the file that
      // defines the base must be read; a file that merely mentions it (a sibling subclass, a type hint) need not.
      const classes = [...involved.filter((o) => o.kind === "class").map((o) => asPy(o).node), ...sites.flatMap((s) => enclosingClasses(s.node as Node))];
      const defined = new Set(classes.flatMap((cls) => baseNames(cls).map((base) => base.split(".").at(-1)!)));
      return { mentioned: [...mentioned], defined: [...defined].filter((name) => !mentioned.has(name)) };
    },
    staleDoubles: (planned) => staleDoubles(modules, planned.map(({ owner, name }) => ({ owner: asPy(owner), name })), resolver),
    dispose() {},
  };
}

/** docker-py leaves `runtime=None` to the engine; an argv, a shell string or an environment value cannot hold None. */
const UNSET_IS_DEFAULT = new Set(["docker-py-call", "docker-py-callable", "docker-py-low-level"]);

function siteFact(site: Site, kind: string, owners: Owners): SiteFact {
  const { mod, node } = site;
  const holder = owners.siteHolderAt(mod, node);
  const statementRow = enclosingStatement(node).startPosition.row + 1;
  const base = {
    kind,
    file: mod.file,
    node,
    mod,
    at: node.startIndex,
    ignoreLines: [node.startPosition.row + 1, statementRow],
    label: site.what,
    context: owners.contextAt(mod, node),
    ...(site.via ? { via: site.via } : {}),
    ...(site.note ? { note: site.note } : {}),
    acceptsUnset: UNSET_IS_DEFAULT.has(kind),
    viaComposeVariable: kind === "docker-compose-call",
    holder,
  };
  if (site.wiredWith !== null) {
    const held = /^(?:\w+\.)?(\w+)$/.exec(site.wiredWith)?.[1];
    return { ...base, state: { kind: "wired", ...(held && !/^["']/.test(site.wiredWith) ? { holder: held } : {}) } };
  }
  if (site.manual) return { ...base, state: { kind: "manual", reason: site.manual } };
  return { ...base, state: { kind: "fixable", fix: (rt) => ({ edits: site.fix(rt.expr), add: site.hint(rt.expr) }) } };
}

function delegatedTo(modules: PyModule[], libraryModules: () => PyModule[], options: CodemodOptions): string | null {
  const engine = otherEngineReason(modules.map((m) => m.file.text));
  if (engine) return engine;
  for (const mod of libraryModules()) {
    for (const imported of importedModules(mod)) {
      const reason = delegationReason(options.thirdParty, imported.module, imported.names, ".");
      if (reason) return reason;
    }
  }
  return null;
}

function methodNames(cls: Node): string[] {
  return [...methodsOf(cls).keys()];
}

function shadowedByOwnMethod(call: Node, ownMethods: Set<string>): boolean {
  const fn = call.childForFieldName("function");
  const method = fn?.childForFieldName("attribute")?.text ?? "";
  // `self.docker("create_container", ...)` calls the package's own dispatcher on purpose: a direct call is shadowed, and
  // one handed to a runner (`to_thread(client.create_container, ...)`) when `client` may be the package's own class.
  const target = method === "create_container" || method === "create_host_config" ? fn : handedCreateContainer(call);
  if (!target) return false;
  const receiver = target.childForFieldName("object")?.text ?? "";
  return ownMethods.has(target.childForFieldName("attribute")?.text ?? "") && !/(^|\.)(api|APIClient\(.*\))$/i.test(receiver);
}

/** `def load_environment(...): raise NotImplementedError` (a template's placeholder), or a body of `...` / `pass`. */
function isStub(fn: Node): boolean {
  const body = namedChildren(fn.childForFieldName("body")).filter((stmt, i) => !(i === 0 && stmt.type === "expression_statement" && stmt.namedChildren[0]?.type === "string"));
  return body.length === 1 && (/^raise\s+NotImplementedError\b/.test(body[0]!.text) || body[0]!.type === "pass_statement" || body[0]!.text === "...");
}

function enclosingClasses(node: Node): Node[] {
  const out: Node[] = [];
  for (let cur = node.parent; cur; cur = cur.parent) if (cur.type === "class_definition") out.push(cur);
  return out;
}
