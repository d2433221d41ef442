// What each file of a group defines and imports, computed once and shared by every rule (LibCST's metadata idea).
import type { Node, Tree } from "web-tree-sitter";
import type { SourceFile } from "../../model/types.js";
import { declaresFields, decoratorNames, dottedName, namedChildren, perNode } from "./syntax.js";

export interface ImportBinding {
  /** Absolute dotted module, relative imports already resolved against the file's package. */
  module: string;
  /** Imported name, or null for `import a.b` / `from pkg import module` bound to a module. */
  name: string | null;
  node: Node;
}

export interface PyModule {
  file: SourceFile;
  tree: Tree;
  /** Dotted module name from the group root (`pkg.executor`, `pkg` for pkg/__init__.py). */
  moduleName: string;
  isPackage: boolean;
  classes: Map<string, Node>;
  functions: Map<string, Node>;
  /** Top-level `NAME = <expr>`: registries of classes (`KINDS = {"cpu": CpuSandbox}`) and aliases. */
  values: Map<string, Node>;
  /** Local name → what it is bound to by an import. */
  imports: Map<string, ImportBinding>;
  /** The modules of its `from m import *` statements, which bind their public names here too. */
  starImports: string[];
  importNodes: Node[];
  /** Every node of the kinds the rules look for, by type, in document order: one walk per file instead of one per rule. */
  nodes(type: IndexedType): Node[];
  /** The quote character the file mostly uses. */
  quote: string;
}

const INDEXED_TYPES = ["call", "list", "tuple", "argument_list", "string", "import_statement", "import_from_statement"] as const;
/** Kinds few files are asked for (`.attribute` by two finders, string starts for the quote of an edit): each walked
 *  when first asked, so the common walk hands out a third fewer nodes. */
const WALKED_WHEN_ASKED = ["attribute", "string_start"] as const;
export type IndexedType = (typeof INDEXED_TYPES)[number] | (typeof WALKED_WHEN_ASKED)[number];

function indexNodes(tree: Tree): Map<string, Node[]> {
  const byType = new Map<string, Node[]>(INDEXED_TYPES.map((t) => [t, []]));
  for (const node of tree.rootNode.descendantsOfType([...INDEXED_TYPES])) {
    if (node) byType.get(node.type)!.push(node);
  }
  return byType;
}

function nodesOf(tree: Tree, byType: Map<string, Node[]>, type: IndexedType): Node[] {
  let nodes = byType.get(type);
  if (!nodes) byType.set(type, (nodes = tree.rootNode.descendantsOfType(type).filter((n): n is Node => n !== null)));
  return nodes;
}

/** The quote most of the file's strings open with. */
function majorityQuote(starts: Node[]): string {
  let single = 0;
  for (const start of starts) if (start.text.replace(/^[a-zA-Z]+/, "")[0] === "'") single++;
  return single * 2 > starts.length ? "'" : '"';
}

export function moduleNameOf(rel: string): { name: string; isPackage: boolean } {
  const parts = rel.replace(/\.pyi?$/, "").split("/");
  const isPackage = parts.at(-1) === "__init__";
  if (isPackage) parts.pop();
  return { name: parts.join("."), isPackage };
}

export function indexModule(file: SourceFile, tree: Tree): PyModule {
  const { name, isPackage } = moduleNameOf(file.rel);
  const byType = indexNodes(tree);
  let quote: string | undefined;
  const mod: PyModule = {
    file,
    tree,
    moduleName: name,
    isPackage,
    classes: new Map(),
    functions: new Map(),
    values: new Map(),
    imports: new Map(),
    starImports: [],
    importNodes: [],
    nodes: (type) => nodesOf(tree, byType, type),
    get quote() {
      return (quote ??= majorityQuote(nodesOf(tree, byType, "string_start")));
    },
  };
  for (const stmt of namedChildren(tree.rootNode)) {
    const def = stmt.type === "decorated_definition" ? stmt.childForFieldName("definition") : stmt;
    if (def?.type === "class_definition") mod.classes.set(def.childForFieldName("name")!.text, def);
    if (def?.type === "function_definition") mod.functions.set(def.childForFieldName("name")!.text, def);
    // `if __name__ == "__main__":` may define the script's `main()` before calling it: a module-level name too.
    for (const inner of mainGuardBody(stmt)) {
      const innerDef = inner.type === "decorated_definition" ? inner.childForFieldName("definition") : inner;
      const name = innerDef?.childForFieldName("name")?.text;
      if (innerDef?.type === "function_definition" && name && !mod.functions.has(name)) mod.functions.set(name, innerDef);
    }
    const assign = stmt.type === "expression_statement" ? namedChildren(stmt)[0] : null;
    const target = assign?.type === "assignment" ? assign.childForFieldName("left") : null;
    const value = assign?.childForFieldName("right");
    if (target?.type === "identifier" && value) mod.values.set(target.text, value);
  }
  // Imports anywhere (inside functions and try blocks too): they bind names where they are used.
  for (const node of [...byType.get("import_statement")!, ...byType.get("import_from_statement")!]) {
    mod.importNodes.push(node);
    collectImport(mod, node);
  }
  return mod;
}

/** The statements of `if __name__ == "__main__":` at the top of a module (none for any other statement). */
function mainGuardBody(stmt: Node): Node[] {
  if (stmt.type !== "if_statement") return [];
  const condition = stmt.childForFieldName("condition")?.text.replace(/\s+/g, "").replace(/'/g, '"');
  if (condition !== '__name__=="__main__"' && condition !== '"__main__"==__name__') return [];
  return namedChildren(stmt.childForFieldName("consequence"));
}

function collectImport(mod: PyModule, node: Node): void {
  if (node.type === "import_statement") {
    for (const item of namedChildren(node)) {
      if (item.type === "dotted_name") {
        // `import a.b` binds `a`; we record the full module under its dotted text for attribute lookups.
        mod.imports.set(item.text, { module: item.text, name: null, node });
        mod.imports.set(item.text.split(".")[0]!, { module: item.text.split(".")[0]!, name: null, node });
      } else if (item.type === "aliased_import") {
        const target = item.childForFieldName("name")!.text;
        const alias = item.childForFieldName("alias")!.text;
        mod.imports.set(alias, { module: target, name: null, node });
      }
    }
    return;
  }
  const moduleNode = node.childForFieldName("module_name");
  if (!moduleNode) return;
  const from = resolveRelative(mod, moduleNode.text);
  if (namedChildren(node).some((item) => item.type === "wildcard_import")) mod.starImports.push(from);
  for (const item of namedChildren(node)) {
    if (item.startIndex === moduleNode.startIndex) continue;
    if (item.type === "dotted_name") {
      mod.imports.set(item.text, { module: from, name: item.text, node });
    } else if (item.type === "aliased_import") {
      const target = item.childForFieldName("name")!.text;
      const alias = item.childForFieldName("alias")!.text;
      mod.imports.set(alias, { module: from, name: target, node });
    }
  }
}

/** `..x` seen from `pkg.sub.mod` → `pkg.x`. */
function resolveRelative(mod: PyModule, spec: string): string {
  const dots = /^\.*/.exec(spec)![0].length;
  if (dots === 0) return spec;
  const base = mod.moduleName.split(".").filter(Boolean);
  if (!mod.isPackage) base.pop();
  for (let i = 1; i < dots; i++) base.pop();
  const rest = spec.slice(dots);
  return [...base, ...(rest ? rest.split(".") : [])].join(".");
}

/** Every module imported by the file (absolute dotted names), for third-party detection. */
export function importedModules(mod: PyModule): { module: string; names: string[]; node: Node }[] {
  const out: { module: string; names: string[]; node: Node }[] = [];
  for (const node of mod.importNodes) {
    if (node.type === "import_statement") {
      for (const item of namedChildren(node)) {
        const target = item.type === "aliased_import" ? item.childForFieldName("name")!.text : item.text;
        out.push({ module: target, names: [], node });
      }
    } else {
      const moduleNode = node.childForFieldName("module_name");
      if (!moduleNode || moduleNode.text.startsWith(".")) continue;
      const names = namedChildren(node)
        .filter((item) => item.startIndex !== moduleNode.startIndex)
        .map((item) => (item.type === "aliased_import" ? item.childForFieldName("name")!.text : item.text));
      out.push({ module: moduleNode.text, names, node });
    }
  }
  return out;
}

export function isDataclassLike(cls: Node): boolean {
  const decorators = decoratorNames(cls);
  if (decorators.some((d) => /(^|\.)(dataclass|define|frozen|attrs|s)$/.test(d) && d !== "s")) return true;
  return isPydanticModel(cls) || (inheritedModel.get(cls.tree)?.(cls) ?? false);
}

/** A pydantic model, also one with an __init__ of its own (which `isDataclassLike` leaves to the parameter route): its
 *  `__setattr__` refuses an attribute that is not a declared field. */
export function isPydanticClass(cls: Node): boolean {
  return baseNames(cls).some((b) => PYDANTIC_BASE.test(b)) || (inheritedModel.get(cls.tree)?.(cls) ?? false);
}

const PYDANTIC_BASE = /(^|\.)(BaseModel|BaseSettings)$/;

/** pydantic (`BaseModel`, `BaseSettings`), or a settings class of another library built the same way: annotated fields,
 *  no __init__ of its own, a base named like a model (`pydantic_config.BaseConfig`, `NetworkPolicyConfig`). */
function isPydanticModel(cls: Node): boolean {
  const bases = namedChildren(cls.childForFieldName("superclasses")).map((s) => dottedName(s) ?? "");
  if (bases.some((b) => PYDANTIC_BASE.test(b))) return true;
  if (!bases.some((b) => /(Model|Config|Settings|Schema)$/.test(b))) return false;
  const body = namedChildren(cls.childForFieldName("body"));
  const hasInit = body.some((stmt) => {
    const def = stmt.type === "decorated_definition" ? stmt.childForFieldName("definition") : stmt;
    return def?.type === "function_definition" && def.childForFieldName("name")?.text === "__init__";
  });
  return declaresFields(cls) && !hasInit;
}

/** Whether a class is a pydantic model through an in-package base (`class DockerConfig(RuntimeConfig)` where
 *  `RuntimeConfig(BaseModel)`), per parsed tree. Asked when a rule needs it: resolving every class's bases up front
 *  parsed the base modules of classes no rule ever looks at. */
const inheritedModel = new WeakMap<object, (cls: Node) => boolean>();

export function noteInheritedModels(modules: PyModule[], bases: (mod: PyModule, cls: Node) => { mod: PyModule; node: Node }[]): void {
  const isModel = (mod: PyModule, cls: Node, depth: number): boolean =>
    isPydanticModel(cls) || (depth < 8 && bases(mod, cls).some((b) => isModel(b.mod, b.node, depth + 1)));
  for (const mod of modules) {
    const answers = new Map<number, boolean>();
    inheritedModel.set(mod.tree, (cls) => {
      let answer = answers.get(cls.startIndex);
      if (answer === undefined) answers.set(cls.startIndex, (answer = isModel(mod, cls, 0)));
      return answer;
    });
  }
}

/** Names of base classes as written (`Base`, `mod.Base`). */
export const baseNames = perNode((cls: Node): string[] =>
  namedChildren(cls.childForFieldName("superclasses"))
    .filter((s) => s.type !== "keyword_argument")
    .map((s) => dottedName(s))
    .filter((s): s is string => s !== null),
);

/** `names` and the names of the top-level classes of `modules` that derive from one of them, however deep. */
export function withSubclasses(names: string[], modules: PyModule[]): Set<string> {
  const out = new Set(names);
  for (let grew = true; grew; ) {
    grew = false;
    for (const mod of modules) {
      for (const [name, cls] of mod.classes) {
        if (out.has(name) || !baseNames(cls).some((b) => out.has(b.split(".").at(-1)!))) continue;
        out.add(name);
        grew = true;
      }
    }
  }
  return out;
}
