// Name resolution across the files of one group: which class or function a call refers to.
import type { Node } from "web-tree-sitter";
import type { PyModule } from "./module-index.js";
import { dottedName, perNode } from "./syntax.js";

export interface Definition {
  mod: PyModule;
  node: Node;
  kind: "class" | "function";
  name: string;
}

/** A module of the group that is parsed only when a name is looked up in it (null: it does not parse). */
export type ModuleSource = PyModule | (() => PyModule | null);

export class Resolver {
  private byName = new Map<string, ModuleSource>();
  /** Every dotted suffix of every module name (`src.pkg.mod` → `pkg.mod`, `mod`), first module wins: src layouts. */
  private bySuffix = new Map<string, ModuleSource>();

  /** Modules only the lookup of a class's bases reads (a package's `__init__.py` that re-exports one). */
  private readonly forBases = { byName: new Map<string, ModuleSource>(), bySuffix: new Map<string, ModuleSource>() };
  private findingBases = false;

  /** `modules` are the files read; `sources` (a superset, in file order) are those a lookup may read too;
   *  `baseSources` those only a class's bases are looked up through. */
  constructor(
    readonly modules: PyModule[],
    sources: { moduleName: string; source: ModuleSource }[] = modules.map((mod) => ({ moduleName: mod.moduleName, source: mod })),
    baseSources: { moduleName: string; source: ModuleSource }[] = [],
  ) {
    index(sources, this.byName, this.bySuffix);
    index(baseSources, this.forBases.byName, this.forBases.bySuffix);
  }

  /** Whether the group has a module of that name, without reading it. */
  has(name: string): boolean {
    return this.byName.has(name) || this.bySuffix.has(name);
  }

  /** The group module for an absolute dotted name (exact, or as a suffix for src layouts). */
  module(name: string): PyModule | undefined {
    let source = this.byName.get(name) ?? this.bySuffix.get(name);
    if (!source && this.findingBases) source = this.forBases.byName.get(name) ?? this.forBases.bySuffix.get(name);
    return (typeof source === "function" ? source() : source) ?? undefined;
  }

  /** The definition `dotted` names when used in `mod`. */
  resolve(mod: PyModule, dotted: string, depth = 0): Definition | undefined {
    if (depth > 8) return undefined;
    const parts = dotted.split(".");
    if (parts.length === 1) return this.lookup(mod, parts[0]!, depth);
    // `m.Name` where m is an imported module (longest prefix first: `pkg.sub.Name`).
    for (let cut = parts.length - 1; cut >= 1; cut--) {
      const prefix = parts.slice(0, cut).join(".");
      const binding = mod.imports.get(prefix);
      let target: PyModule | undefined;
      if (binding && binding.name === null) target = this.module(binding.module);
      else if (binding && binding.name !== null) target = this.module(`${binding.module}.${binding.name}`);
      if (target && cut === parts.length - 1) return this.lookup(target, parts[cut]!, depth + 1);
    }
    return undefined;
  }

  /** Top-level name in `mod`, following re-exports. */
  lookup(mod: PyModule, name: string, depth = 0): Definition | undefined {
    if (depth > 8) return undefined;
    const cls = mod.classes.get(name);
    if (cls) return { mod, node: cls, kind: "class", name };
    const fn = mod.functions.get(name);
    if (fn) return { mod, node: fn, kind: "function", name };
    const binding = mod.imports.get(name);
    if (binding?.name) {
      const target = this.module(binding.module);
      if (target && target !== mod) return this.lookup(target, binding.name, depth + 1);
    }
    // `from .base import *` (a package's __init__ re-exporting its modules): their public names.
    if (binding || name.startsWith("_")) return undefined;
    for (const star of mod.starImports) {
      const target = this.module(star);
      const found = target && target !== mod ? this.lookup(target, name, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** The definition a call's callee refers to. */
  callee(mod: PyModule, call: Node): Definition | undefined {
    const name = dottedName(call.childForFieldName("function"));
    return name ? this.resolve(mod, name) : undefined;
  }

  /** Bases once per class and resolver: every owner's plan walks every class's bases. */
  private readonly basesOf = perNode((cls: Node, mod: PyModule) => this.findBases(mod, cls));

  /** In-group base classes of a class. */
  bases(mod: PyModule, cls: Node): Definition[] {
    return this.basesOf(cls, mod);
  }

  private findBases(mod: PyModule, cls: Node): Definition[] {
    const outer = this.findingBases;
    this.findingBases = true;
    try {
      return this.resolveBases(mod, cls);
    } finally {
      this.findingBases = outer;
    }
  }

  private resolveBases(mod: PyModule, cls: Node): Definition[] {
    const out: Definition[] = [];
    const supers = cls.childForFieldName("superclasses");
    for (const s of supers?.namedChildren ?? []) {
      if (!s || s.type === "keyword_argument") continue;
      const name = dottedName(s);
      const def = name ? this.resolve(mod, name) : undefined;
      if (def?.kind === "class") out.push(def);
    }
    return out;
  }
}

/** By module name, and by every dotted suffix of it (`src.pkg.mod` → `pkg.mod`, `mod`; first module wins: src layouts). */
function index(sources: { moduleName: string; source: ModuleSource }[], byName: Map<string, ModuleSource>, bySuffix: Map<string, ModuleSource>): void {
  for (const { moduleName, source } of sources) byName.set(moduleName, source);
  for (const { moduleName, source } of sources) {
    const parts = moduleName.split(".");
    for (let i = 1; i < parts.length; i++) {
      const suffix = parts.slice(i).join(".");
      if (!bySuffix.has(suffix)) bySuffix.set(suffix, source);
    }
  }
}
