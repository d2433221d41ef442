// An instance kept where only its other methods are ever called: testcontainers' Network keeps a DockerClient in
// `self._docker` for `self._docker.client.networks`, and never calls the client's `run` or `create`, the methods that
// read its runtime. Building it there reaches no container, so Network needs no runtime of its own.
import type { Node } from "web-tree-sitter";
import { isTestFile } from "../../plan/file-policy.js";
import { ancestorsOf } from "./class-shapes.js";
import type { PyModule } from "./module-index.js";
import type { Resolver } from "./resolve.js";
import { defName, methodsOf, scopeOf } from "./scope.js";
import { descendants, enclosingFunctions } from "./syntax.js";

/** The instance `call` builds is bound to a private attribute (`self._docker = Client()`) or a local, and no code in
 *  `modules` calls a method of it that reads the runtime (`readers`: each in a method other than __init__ of one of
 *  `classes`, the built class and its bases), nor hands it anywhere else. */
export function neverRunsReaders(call: Node, readers: Node[], classes: Node[], modules: PyModule[], resolver: Resolver): boolean {
  const methods = readerMethods(readers, classes);
  if (!methods) return false;
  let held = call;
  while (held.parent?.type === "parenthesized_expression") held = held.parent;
  const assign = held.parent;
  if (assign?.type !== "assignment" || !assign.childForFieldName("right")?.equals(held) || assign.parent?.type !== "expression_statement") return false;
  const target = assign.childForFieldName("left")!;
  if (target.type === "identifier") {
    const fn = enclosingFunctions(call)[0];
    if (!fn) return false;
    const uses = descendants(fn, "identifier").filter((id) => id.text === target.text && !id.equals(target));
    return uses.every((use) => onlyOtherMethods(use, methods));
  }
  const attr = target.type === "attribute" ? target.childForFieldName("attribute")?.text : undefined;
  const holder = target.childForFieldName("object");
  if (!attr?.startsWith("_") || attr.startsWith("__") || holder?.type !== "identifier") return false;
  const scope = scopeOf(call);
  if (scope.kind !== "method") return false;
  // Private by convention, yet a subclass or a friend module may reach it: every module that names it is read (but
  // tests, which crunify never wires). A `self._docker` in a class that neither is nor derives from the holder is
  // that class's own attribute.
  for (const mod of modules) {
    if (!mod.file.text.includes(`.${attr}`) || isTestFile(mod.file)) continue;
    for (const node of mod.nodes("attribute")) {
      if (node.childForFieldName("attribute")?.text !== attr || node.equals(target) || isAssignedTarget(node)) continue;
      const use = scopeOf(node);
      const own = use.kind === "method" && node.childForFieldName("object")?.text === use.selfName;
      if (own && !use.cls.equals(scope.cls) && !ancestorsOf(resolver, mod, use.cls).some((base) => base.node.equals(scope.cls))) continue;
      if (!onlyOtherMethods(node, methods)) return false;
    }
  }
  return true;
}

/** The names of the built classes' methods that read the runtime, directly or through `self.other()`; null when a
 *  reader runs at construction or outside those classes' methods. */
function readerMethods(readers: Node[], classes: Node[]): Set<string> | null {
  const names = new Set<string>();
  for (const reader of readers) {
    const scope = scopeOf(reader);
    if (scope.kind !== "method" || scope.isInit || !classes.some((cls) => cls.equals(scope.cls))) return null;
    names.add(defName(scope.method));
  }
  // A method that calls one of them on itself runs it too (`def start(self): return self.run(...)`).
  for (let grew = true; grew; ) {
    grew = false;
    for (const cls of classes) {
      for (const [name, method] of methodsOf(cls)) {
        if (names.has(name)) continue;
        const calls = descendants(method, "call").some((c) => {
          const fn = c.childForFieldName("function");
          return fn?.type === "attribute" && fn.childForFieldName("object")?.text === "self" && names.has(fn.childForFieldName("attribute")?.text ?? "");
        });
        if (calls) {
          names.add(name);
          grew = true;
        }
      }
    }
  }
  // Run without being named: `__init__` (or `__post_init__`) at construction, `__getattr__` on any attribute.
  return [...names].some((name) => name.startsWith("__")) ? null : names;
}

/** `x.other` where `other` reads no runtime (`x.client.networks`): any other use (`x.run()`, `f(x)`, `return x`,
 *  `getattr(x, name)`) may run one that does. */
function onlyOtherMethods(use: Node, methods: Set<string>): boolean {
  const parent = use.parent;
  if (parent?.type !== "attribute" || !parent.childForFieldName("object")?.equals(use)) return false;
  const name = parent.childForFieldName("attribute")?.text ?? "";
  return !methods.has(name) && !name.startsWith("__");
}

/** The left side of `self._docker = ...` (or `self._docker: T = ...`). */
function isAssignedTarget(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === "assignment" && !!parent.childForFieldName("left")?.equals(node);
}
