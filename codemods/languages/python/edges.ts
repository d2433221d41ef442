// Every call in a group that builds or runs an owner, as edges for the planner: `Sandbox(image)`,
// `super().__init__(...)` in a subclass, and a function handed to a thread pool or helper (`pool.map(start, xs)`,
// `executor.submit(start, x)`, `Thread(target=start)`): dispatch is a call too.
import type { Node } from "web-tree-sitter";
import type { EdgeFact, Passed, Reader } from "../../model/frontend.js";
import type { SourceFile } from "../../model/types.js";
import { argparseOption } from "./argparse-option.js";
import { signatureCommandLine } from "./cli-command.js";
import { withSubclasses, type PyModule } from "./module-index.js";
import { calleeCandidates, type Candidate } from "./callee-candidates.js";
import { classField, kwargsParam, ownerUsesField } from "./owner-signature.js";
import type { Owners, PyOwner } from "./owners.js";
import type { Resolver } from "./resolve.js";
import { findMethod, ownerClass, scopeOf } from "./scope.js";
import { ancestorsOf, inheritsWithoutInit } from "./class-shapes.js";
import { addKeyword, passedKeyword } from "./site.js";
import { calleeName, descendants, dictSplats, dottedName, namedChildren, positionalArgs, stringValue } from "./syntax.js";
import { bindWithPartial } from "./partial.js";
import { rayWrapped } from "./ray-remote.js";
import { boundInFunction } from "./local-bindings.js";
import { switchedOff } from "./literal-switch.js";
import { neverRunsReaders } from "./held-instance.js";

/** Wrappers that call their first argument with the keyword arguments they are given. */
const FORWARDS_KWARGS = new Set(["submit", "to_thread", "partial", "run_sync_in_worker_thread", "apply_async"]);

/** What each call of the group may build, computed once per analysis (every owner asks about every call). */
export interface CandidateIndex {
  (mod: PyModule, call: Node): Candidate[] | undefined;
  /** The classes whose __init__ a `super().__init__(...)` call runs (empty for any other call). */
  superInit(mod: PyModule, call: Node): { mod: PyModule; cls: Node }[];
}

export function candidateIndex(resolver: Resolver): CandidateIndex {
  // Keyed by the node objects of `mod.nodes("call")`, which every owner's scan reuses.
  const cache = new WeakMap<Node, Candidate[] | undefined>();
  const supers = new WeakMap<Node, { mod: PyModule; cls: Node }[]>();
  const index = ((mod: PyModule, call: Node) => {
    if (!cache.has(call)) cache.set(call, mayBeSuperInit(mod, call) && isSuperInit(call) ? undefined : calleeCandidates(resolver, mod, call));
    return cache.get(call);
  }) as CandidateIndex;
  index.superInit = (mod, call) => {
    if (!supers.has(call)) supers.set(call, superTargets(mod, call, resolver));
    return supers.get(call)!;
  };
  return index;
}

/** `createsContainers`: a class that creates containers itself (or runs a constructor that does): a call that may
 *  build it or the owner is reported once, naming both (cwltool's job classes: Docker's and Podman's). */
export function constructions(
  owner: PyOwner,
  modules: PyModule[],
  resolver: Resolver,
  owners: Owners,
  candidatesOf: CandidateIndex,
  createsContainers: (def: Candidate) => boolean = () => false,
): EdgeFact[] {
  const edges: EdgeFact[] = [];
  // `Sub()` builds the owner when `Sub` has no __init__ of its own, and so does `super().__init__()` in a subclass of Sub.
  const words = owner.kind === "class" ? [...withSubclasses([owner.name], modules)] : [owner.name];
  for (const mod of modules) {
    // Most modules name neither the owner nor a subclass: their calls need no resolving. The reading grows until every
    // file naming one is read (transform-group.ts), so on its last round this leaves nothing out.
    if (!words.some((word) => mentions(mod, word))) continue;
    for (const call of mod.nodes("call")) {
      if (candidatesOf.superInit(mod, call).some((b) => b.cls.equals(owner.node) && b.mod === owner.mod)) {
        // Whatever class is built through this __init__ (any below it) may read the runtime: never ruled out.
        edges.push(callEdge(owner, mod, call, owners, [], []));
        continue;
      }
      const candidates = candidatesOf(mod, call);
      if (!candidates?.some((def) => builds(owner, def, resolver))) continue;
      const notBuilt = candidates.filter((def) => !builds(owner, def, resolver));
      const others = notBuilt.filter((def) => !createsContainers(def)).map((def) => def.name);
      const edge = { ...callEdge(owner, mod, call, owners, others, candidates, notBuilt.some((def) => createsContainers(def))), copiesItself: copiesItself(owner, mod, call) };
      // Only a class called by its name builds exactly that class: `cls(...)` in a classmethod, a registry or a
      // variable may build any subclass.
      const named = owner.kind === "class" ? namedClass(mod, call, resolver) : undefined;
      const built = candidates.filter((def) => builds(owner, def, resolver));
      if (named && built.length === 1 && built[0]!.kind === "class" && built[0]!.mod === named.mod && built[0]!.node.equals(named.node)) {
        instanceClasses.set(edge, { classes: classesOfInstance(resolver, named.mod, named.node), nodes: [named.node, ...ancestorsOf(resolver, named.mod, named.node).map((b) => b.node)], owner, resolver, modules });
      }
      edges.push(edge);
    }
    if (owner.kind === "function") edges.push(...dispatches(owner, mod, resolver, owners));
  }
  return edges;
}

/** The classes whose methods run on what a class owner's edge builds (the class a call names, and its in-group bases),
 *  by class key; and the owner. */
const instanceClasses = new WeakMap<EdgeFact, { classes: Set<string>; nodes: Node[]; owner: PyOwner; resolver: Resolver; modules: PyModule[] }>();

const classKey = (file: SourceFile, cls: Node) => `${file.path}#${cls.startIndex}`;

function classesOfInstance(resolver: Resolver, mod: PyModule, cls: Node): Set<string> {
  return new Set([classKey(mod.file, cls), ...ancestorsOf(resolver, mod, cls).map((base) => classKey(base.mod.file, base.node))]);
}

/** Program.reaches: the call's literal arguments choose a branch that holds a reader (literal-switch.ts), what holds
 *  the instance calls a method that reads it (held-instance.ts), and the instance an edge builds runs the code of a
 *  reader's class. Only a reader in a class of the owner's own (it or a subclass: `self.runtime`) can be ruled out;
 *  any other (a class that keeps the owner, a config, and reads `self.config.runtime`; code outside any class; a
 *  function owner's edge) counts. */
export function reaches(edge: EdgeFact, readers: Reader[]): boolean {
  if (readers.length > 0 && readers.every((reader) => switchedOff(edge.node as Node, reader.node as Node))) return false;
  const built = instanceClasses.get(edge);
  if (!built) return true;
  if (readers.length > 0 && neverRunsReaders(edge.node as Node, readers.map((r) => r.node as Node), built.nodes, built.modules, built.resolver)) return false;
  return readers.some((reader) => {
    const cls = enclosingClass(reader.node as Node);
    const mod = (reader as Reader & { mod?: PyModule }).mod;
    return !cls || !mod || built.classes.has(classKey(reader.file, cls)) || !derivesFrom(built.resolver, mod, cls, built.owner);
  });
}

/** The class a call names as its callee (`Sub(...)`, `tools.Sub(...)`), resolved from the module's names. */
function namedClass(mod: PyModule, call: Node, resolver: Resolver): { mod: PyModule; node: Node } | undefined {
  const name = dottedName(call.childForFieldName("function"));
  const def = name ? resolver.resolve(mod, name) : undefined;
  return def?.kind === "class" ? { mod: def.mod, node: def.node } : undefined;
}

/** `cls` is the owner or one of its in-group subclasses. */
function derivesFrom(resolver: Resolver, mod: PyModule, cls: Node, owner: PyOwner): boolean {
  const isOwner = (m: PyModule, c: Node) => m === owner.mod && c.equals(owner.node);
  return isOwner(mod, cls) || ancestorsOf(resolver, mod, cls).some((base) => isOwner(base.mod, base.node));
}

function enclosingClass(node: Node): Node | null {
  for (let cur = node.parent; cur; cur = cur.parent) if (cur.type === "class_definition") return cur;
  return null;
}

/** Whether a module's text holds a word, asked once per module and word: every owner asks about every module, and the
 *  names of an owner's subclasses are owners' names too (sagemaker's 45 owners over 18 MB: 0.8 s of scanning). */
const mentioned = new WeakMap<PyModule, Map<string, boolean>>();

function mentions(mod: PyModule, word: string): boolean {
  let byWord = mentioned.get(mod);
  if (!byWord) mentioned.set(mod, (byWord = new Map()));
  let found = byWord.get(word);
  if (found === undefined) byWord.set(word, (found = mod.file.text.includes(word)));
  return found;
}

/** Where `super(...).__init__(` or `Base.__init__(` may start in each module's text: most calls are ruled out without
 *  touching the tree. */
const superStarts = new WeakMap<PyModule, Set<number>>();

function mayBeSuperInit(mod: PyModule, call: Node): boolean {
  let starts = superStarts.get(mod);
  if (!starts) {
    starts = new Set([...mod.file.text.matchAll(/\bsuper\s*\(|\b[A-Za-z_][\w.]*\.__init__\s*\(/g)].map((m) => m.index));
    superStarts.set(mod, starts);
  }
  return starts.has(call.startIndex);
}

/** `Base.__init__(self, ...)` in a method: the class named, when it is a base (or a base's base) of the method's class. */
function explicitBaseInit(mod: PyModule, call: Node, cls: Node, method: Node, resolver: Resolver): { mod: PyModule; cls: Node } | null {
  const fn = call.childForFieldName("function");
  const object = fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "__init__" ? fn.childForFieldName("object") : null;
  if (!object || (object.type !== "identifier" && object.type !== "attribute")) return null;
  const self = namedChildren(method.childForFieldName("parameters"))[0]?.text;
  if (!self || positionalArgs(call)[0]?.text !== self) return null;
  const named = resolver.resolve(mod, dottedName(object) ?? "");
  if (named?.kind !== "class") return null;
  const seen = new Set<number>();
  const derives = (m: PyModule, c: Node, depth: number): boolean =>
    depth < 8 &&
    resolver.bases(m, c).some((base) => {
      if (seen.has(base.node.startIndex)) return false;
      seen.add(base.node.startIndex);
      return (base.mod === named.mod && base.node.equals(named.node)) || derives(base.mod, base.node, depth + 1);
    });
  return derives(mod, cls, 0) ? ownerClass(resolver, named.mod, named.node) : null;
}

function isSuperInit(call: Node): boolean {
  const fn = call.childForFieldName("function");
  if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "__init__") return false;
  const object = fn.childForFieldName("object");
  return object?.type === "call" && dottedName(object.childForFieldName("function")) === "super";
}

function superTargets(mod: PyModule, call: Node, resolver: Resolver): { mod: PyModule; cls: Node }[] {
  if (!mayBeSuperInit(mod, call)) return [];
  const scope = scopeOf(call);
  if (scope.kind !== "method") return [];
  if (!isSuperInit(call)) {
    const named = explicitBaseInit(mod, call, scope.cls, scope.method, resolver);
    return named ? [named] : [];
  }
  return resolver.bases(mod, scope.cls).map((b) => ownerClass(resolver, b.mod, b.node));
}

/** Calling `def` builds `owner`: it is the owner, a subclass whose __init__ is the owner's, or a dataclass / model
 *  subclass of a field-holding owner (the field is inherited). */
function builds(owner: PyOwner, def: Candidate, resolver: Resolver): boolean {
  if (def.kind === "unknown") return false;
  if (def.kind === "function") return def.mod === owner.mod && def.node.equals(owner.node);
  const target = ownerClass(resolver, def.mod, def.node);
  if (target.mod === owner.mod && target.cls.equals(owner.node)) return true;
  // No __init__ on the way up to an owner that has none either: the pass-through one it is given runs for `Sub()` too.
  if (target.cls.equals(def.node) && !findMethod(owner.node, "__init__") && inheritsWithoutInit(resolver, def.mod, def.node, owner)) return true;
  if (!ownerUsesField(owner.node) || !ownerUsesField(def.node)) return false;
  const seen = new Set<Node>();
  const inherits = (mod: PyModule, cls: Node, depth: number): boolean =>
    depth < 8 &&
    resolver.bases(mod, cls).some((base) => {
      if (seen.has(base.node)) return false;
      seen.add(base.node);
      return (base.mod === owner.mod && base.node.equals(owner.node)) || (ownerUsesField(base.node) && inherits(base.mod, base.node, depth + 1));
    });
  return inherits(def.mod, def.node, 0);
}

/** `return Sandbox(image=self.image)` in one of Sandbox's own instance methods other than __init__ (a `clone()`). */
function copiesItself(owner: PyOwner, mod: PyModule, call: Node): boolean {
  if (owner.kind !== "class" || owner.mod !== mod) return false;
  const scope = scopeOf(call);
  return scope.kind === "method" && !scope.isInit && scope.cls.equals(owner.node);
}

/** `Sandbox(...)`: the keyword goes on the call. `others`: what else the callee may be (a registry holding classes that
 *  take no runtime), when it is chosen at run time; `otherOwner`: it may also be a class that creates containers of its
 *  own, whose runtime parameter may be named otherwise, or never added (its sites left to a human). */
function callEdge(owner: PyOwner, mod: PyModule, call: Node, owners: Owners, others: string[], targets: Candidate[], otherOwner = false): EdgeFact {
  const reader: Reader & { mod: PyModule } = { file: mod.file, node: call, mod };
  const splat = () => dictSplats(call).map((s) => namedChildren(s)[0]?.text)[0];
  return {
    ...reader,
    at: call.startIndex,
    label: `${call.childForFieldName("function")?.text ?? "?"}(...)`,
    caller: owners.callerAt(mod, call),
    passed: (callee) => {
      // A subclass that pins the name as a class attribute keeps its own choice: nothing to pass. The owner's own field
      // is no pin (a dataclass's field is its constructor's parameter: OpenHands' injector built one without it).
      const pins = targets.length > 0 && targets.every((def) => def.kind === "class" && classField(def.node, callee.name) && !def.node.equals(owner.node));
      if (pins) return { expr: "(class attribute)" };
      // Settings handed on whole that hold the runtime pass it (a keyword beside them would lose to the dump).
      const carried = owners.settingsCarry(mod, call);
      return carried ? { expr: carried } : passedOn(passedKeyword(call, callee.name));
    },
    commandLine: (callee, runtimeDefault) => argparseOption(mod, call, callee.name, runtimeDefault),
    carriesCatchAll: (callee) => {
      const fn = ownersCatchAllHolder(call);
      const kwargs = fn && kwargsParam(fn);
      return !!kwargs && splat() === kwargs && kwargsOnlyHere(fn, kwargs, call, callee.name);
    },
    forward(callee, caller, rt) {
      // `self.make_job_runner(ctx)(...)`: what a function returns is chosen at run time, by code of its own (an override, a
      // rebound global, a registry filled later): the call is only reported.
      const maker = call.childForFieldName("function");
      if (maker?.type === "call" && maker.childForFieldName("function")?.text !== "type" && maker.childForFieldName("function")?.childForFieldName("attribute")?.text !== "get") {
        const names = [...new Set(targets.map((def) => def.name))];
        return { kind: "manual", reason: `\`${maker.text}\` returns what it builds, chosen at run time (${names.join(", ")}): pass the OCI runtime by hand where what it returns takes it` };
      }
      if (otherOwner) {
        // The same words for each owner the call may build: reported once (plan-group.ts).
        const chosen = call.childForFieldName("function")?.text;
        const names = [...new Set(targets.map((def) => def.name))];
        return { kind: "manual", reason: `\`${chosen}\` may build any of ${names.join(", ")}, which do not all take the OCI runtime the same way: pass it by hand to those that take it` };
      }
      if (others.length > 0) {
        const chosen = call.childForFieldName("function")?.text;
        return { kind: "manual", reason: `\`${chosen}\` may also be ${others.join(", ")}, which ${others.length > 1 ? "take" : "takes"} no runtime: pass \`${callee.name}\` only where it applies` };
      }
      const fn = ownersCatchAllHolder(call);
      // The caller took the runtime by name, so its **kwargs cannot carry it: a plain keyword is safe.
      const safe = !!fn && splat() === kwargsParam(fn) && caller.name === callee.name;
      return { kind: "fixable", edits: addKeyword(mod, call, callee.name, rt.expr, safe), add: `\`${callee.name}=${rt.expr}\`` };
    },
  };
}

/** References to a function owner that hand it to someone else to call. */
function dispatches(owner: PyOwner, mod: PyModule, resolver: Resolver, owners: Owners): EdgeFact[] {
  const edges: EdgeFact[] = [];
  if (!mod.file.text.includes(owner.name)) return edges;
  for (const args of mod.nodes("argument_list")) {
    const wrapper = args.parent;
    if (wrapper?.type !== "call") continue;
    for (const arg of namedChildren(args)) {
      const ref = arg.type === "keyword_argument" ? arg.childForFieldName("value") : arg;
      if (!ref || (ref.type !== "identifier" && ref.type !== "attribute") || !ref.text.endsWith(owner.name)) continue;
      // `def clean(client, box): uses(c, box)`: the parameter, not the module's `box()`.
      if (ref.type === "identifier" && boundInFunction(ref.text, ref)) continue;
      const def = resolver.resolve(mod, dottedName(ref) ?? "");
      if (!def || def.mod !== owner.mod || !def.node.equals(owner.node)) continue;
      // `ray.remote(start)` only wraps it: the runtime goes into the wrapper's `.remote(...)` call (callee-candidates.ts).
      if (rayWrapped(mod, wrapper)?.equals(ref)) continue;
      // A command whose options already include `--runtime` under another parameter (Typer's `typer.Option("--runtime")`
      // for a Python version) would declare it twice: then it is a script's main, as before.
      const taken = /["']--runtime["'=]/.test(owner.node.childForFieldName("parameters")?.text ?? "");
      edges.push(!taken && signatureCommandLine(mod, wrapper, ref) ? commandLineEdge(mod, wrapper, ref) : dispatchEdge(mod, wrapper, ref, owners));
    }
  }
  return edges;
}

function dispatchEdge(mod: PyModule, wrapper: Node, ref: Node, owners: Owners): EdgeFact {
  const name = calleeName(wrapper) ?? "?";
  const first = positionalArgs(wrapper)[0];
  // `executor.submit(fn, x, runtime=...)` hands keywords on to fn; anything else gets fn bound with functools.partial.
  const viaKeywords = FORWARDS_KWARGS.has(name) && !!first?.equals(ref);
  return {
    file: mod.file,
    node: wrapper,
    at: wrapper.startIndex,
    label: `${wrapper.childForFieldName("function")?.text ?? name}(${ref.text}, ...)`,
    caller: owners.holderAt(mod, wrapper),
    passed: (callee) => passedOn(viaKeywords ? passedKeyword(wrapper, callee.name) : boundKeyword(ref, callee.name)),
    carriesCatchAll: () => false,
    forward(callee, _caller, rt) {
      if (viaKeywords) return { kind: "fixable", edits: addKeyword(mod, wrapper, callee.name, rt.expr), add: `\`${callee.name}=${rt.expr}\`` };
      const bound = bindWithPartial(mod, ref, callee.name, rt.expr);
      return { kind: "fixable", edits: bound.edits, add: `\`${bound.text}\`` };
    },
  };
}

/** `typer.run(main)`, `fire.Fire(main)`: the framework calls it with its user's options, and a runtime parameter is one
 *  of them (`--runtime`), as a parser's option is once it has one: a command line that already passes it on. */
function commandLineEdge(mod: PyModule, wrapper: Node, ref: Node): EdgeFact {
  return {
    file: mod.file,
    node: wrapper,
    at: wrapper.startIndex,
    label: `${wrapper.childForFieldName("function")?.text ?? "?"}(${ref.text})`,
    caller: { module: true },
    passed: () => null,
    commandLine: () => ({ state: "wired" }),
    carriesCatchAll: () => false,
    forward: () => ({ kind: "wired" }),
  };
}

/** `functools.partial(fn, runtime=x)` around the reference already. */
function boundKeyword(ref: Node, name: string): string | null {
  const wrapper = ref.parent?.type === "argument_list" ? ref.parent.parent : null;
  if (wrapper?.type !== "call" || calleeName(wrapper) !== "partial" || !positionalArgs(wrapper)[0]?.equals(ref)) return null;
  return passedKeyword(wrapper, name);
}

/** A value the caller holds (`runtime`, `self.runtime`) names the caller's runtime; the planner checks it is one. */
function passedOn(expr: string | null): Passed | null {
  if (expr === null) return null;
  const held = /^(?:\w+\.)?(\w+)$/.exec(expr)?.[1];
  return held ? { expr, callerName: held } : { expr };
}

/** The function whose `**kwargs` are the caller-owner's own catch-all: the function, or a class's __init__. Another
 *  method's (`def run_code(self, code, **kwargs)`) is filled per call by that method's callers, not by whoever builds
 *  the class: a runtime "carried" there would be handed to a constructor that has no place for it. */
function ownersCatchAllHolder(call: Node): Node | null {
  const scope = scopeOf(call);
  return scope.kind === "method" ? (scope.isInit ? scope.method : null) : scope.kind === "function" ? scope.fn : null;
}

/** `**kwargs` is handed on in this call alone: a new keyword in it reaches nobody that does not take it. Reading a key
 *  (`kwargs.get("x")`, `kwargs["x"]`, `"x" in kwargs`) hands nothing on; any other use (`self.kwargs = kwargs`, a
 *  `**{k: v for k, v in kwargs.items()}`, `dict(kwargs)`) may, so the runtime must not ride in it. */
function kwargsOnlyHere(fn: Node, kwargs: string, call: Node, name: string): boolean {
  return descendants(fn, "identifier").every((id) => id.text !== kwargs || keepsKeywordsHere(id, call, name));
}

const KEY_METHODS = new Set(["get", "pop", "setdefault", "update"]);

function keepsKeywordsHere(id: Node, call: Node, name: string): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === "dictionary_splat_pattern") return true; // the parameter itself
  if (parent.type === "dictionary_splat") return !!parent.parent?.parent?.equals(call);
  if (parent.type === "subscript") return !!parent.childForFieldName("value")?.equals(id);
  if (parent.type === "comparison_operator") return ["in", "not in"].includes(id.previousSibling?.type ?? "");
  if (parent.type === "attribute" && parent.childForFieldName("object")?.equals(id) && parent.parent?.type === "call") {
    const method = parent.childForFieldName("attribute")?.text ?? "";
    // `kwargs.pop("runtime")` would take the carried runtime away from the call that needs it.
    const key = stringValue(positionalArgs(parent.parent)[0] ?? null);
    return KEY_METHODS.has(method) && key !== name;
  }
  return false;
}
