// Who holds the runtime for a piece of Python code: the class whose __init__ takes it (its own, an in-package base's,
// or the config model it keeps), or the module-level function; and how code at a place reads it.
import type { Node } from "web-tree-sitter";
import type { Holder, OwnerFact, Reader, RuntimeRef } from "../../model/frontend.js";
import type { PyModule } from "./module-index.js";
import { findParam, kwargsParam, nameStatus, ownerUsesField, params } from "./owner-signature.js";
import type { Definition, Resolver } from "./resolve.js";
import { defName, findMethod, ownerClass, scopeOf } from "./scope.js";
import { globalCacheOf } from "./global-cache.js";
import { rebuildAt, rebuiltReason } from "./rebuilt-from-settings.js";
import { webRoute } from "./web-route.js";
import { agentTool } from "./agent-tool.js";
import { cliCommand } from "./cli-command.js";
import { classOfMethod, descendants, dictSplats, enclosingFunctions, namedChildren, paramName, perNode, unparenthesized } from "./syntax.js";

export interface PyOwner extends OwnerFact {
  mod: PyModule;
  /** class_definition or function_definition. */
  node: Node;
}

/** A class that keeps an in-package dataclass / pydantic config (`def __init__(self, config: SandboxConfig)` and
 *  `self.config = config`): the runtime belongs in that config, as a field. */
export interface ConfigHolder {
  attr: string;
  def: Definition;
  /** The __init__ parameter the config arrives in, and whether it may be None there. */
  param: string;
  optional: boolean;
  /** Where `self.<attr> = ...` ends: before it, __init__ reads the parameter instead. */
  assignedAt: number;
}

export class Owners {
  private byKey = new Map<string, PyOwner>();
  /** configHolder by class: every site and call in a class asks, and the answer walks the class. */
  private configs = new Map<string, ConfigHolder | null>();

  constructor(
    private readonly resolver: Resolver,
    private readonly paramName: string,
  ) {}

  /** The owner for a def node (cached, so facts compare by identity). */
  owner(mod: PyModule, def: Node): PyOwner {
    const key = `${mod.file.path}#${def.startIndex}`;
    let owner = this.byKey.get(key);
    if (!owner) {
      const nameNode = def.childForFieldName("name") ?? def;
      owner = {
        key,
        file: mod.file,
        at: nameNode.startIndex,
        name: defName(def),
        kind: def.type === "class_definition" ? "class" : "function",
        isEntry: def.type === "function_definition" && defName(def) === "load_environment" && isTopLevel(def),
        mod,
        node: def,
      };
      const outside = webRoute(def) ?? agentTool(def, mod) ?? cliCommand(def, mod);
      if (outside) owner.calledFromOutside = outside;
      this.byKey.set(key, owner);
    }
    return owner;
  }

  /** Who must hold the runtime for a site at `node`: as `holderAt`, except that a web route's handler takes none (a
   *  request must not choose it) and neither does a command-line command (cli-command.ts), so their own sites keep
   *  the default as module-level code does. */
  siteHolderAt(mod: PyModule, node: Node): Holder {
    const scope = scopeOf(node);
    if (scope.kind !== "function") return this.holderAt(mod, node);
    if (webRoute(scope.fn)) return { module: true, why: `in the web route ${defName(scope.fn)}()` };
    if (agentTool(scope.fn, mod)) return { module: true, why: `in the agent's tool ${defName(scope.fn)}()` };
    if (cliCommand(scope.fn, mod)) return { module: true, why: `in the command-line command ${defName(scope.fn)}()` };
    return this.holderAt(mod, node);
  }

  /** Who must hold the runtime for code at `node`. */
  holderAt(mod: PyModule, node: Node): Holder {
    const scope = scopeOf(node);
    if (scope.kind === "module") return { module: true };
    if (scope.kind === "function") return this.owner(mod, scope.fn);
    const { mod: defMod, cls } = ownerClass(this.resolver, mod, scope.cls);
    const config = this.configHolder(defMod, cls);
    return config ? this.owner(config.def.mod, config.def.node) : this.owner(defMod, cls);
  }

  /** Who builds the callee at `call`. A config model built from the constructor's own keywords
   *  (`self.config = config_class(**kwargs)`) is built by the class itself, which hands its keywords on. */
  callerAt(mod: PyModule, call: Node): Holder {
    return this.callers(call, mod);
  }

  /** Once per call and analysis: every owner's edges over the same call ask again. */
  private readonly callers = perNode((call: Node, mod: PyModule) => this.findCaller(mod, call));

  private findCaller(mod: PyModule, call: Node): Holder {
    const cache = globalCacheOf(call);
    if (cache) {
      const fn = enclosingFunctions(call)[0]!;
      return { blocked: `${defName(fn)}() keeps what it builds in ${cache}, so the first caller's runtime would hold for every later call; choose the runtime where it is filled` };
    }
    const rebuild = rebuildAt(call);
    if (rebuild && !this.settingsCarry(mod, call)) return { blocked: rebuiltReason(call, rebuild) };
    const holder = this.holderAt(mod, call);
    const scope = scopeOf(call);
    if (scope.kind !== "method" || !scope.isInit || !("key" in holder)) return holder;
    const kwargs = kwargsParam(scope.method);
    const fromKeywords = !!kwargs && dictSplats(call).some((s) => namedChildren(s)[0]?.text === kwargs);
    const { mod: defMod, cls } = ownerClass(this.resolver, mod, scope.cls);
    return fromKeywords && !cls.equals((holder as PyOwner).node) ? this.owner(defMod, cls) : holder;
  }

  /** `settings.<name>` when `call` rebuilds its class from settings handed on whole that are the very model the class
   *  keeps its runtime in (`cls(**config.model_dump())`, SWE-ReX's `from_config`): the runtime is already passed. */
  settingsCarry(mod: PyModule, call: Node): string | null {
    const rebuild = rebuildAt(call);
    if (!rebuild?.whole || !rebuild.settingsType || call.childForFieldName("function")?.text !== "cls") return null;
    const cls = classOfMethod(rebuild.method);
    const settings = this.resolver.resolve(mod, rebuild.settingsType);
    if (!cls || settings?.kind !== "class") return null;
    const { mod: defMod, cls: owner } = ownerClass(this.resolver, mod, cls);
    const config = this.configHolder(defMod, owner);
    return config?.def.node.equals(settings.node) ? `${rebuild.settings}.${this.paramName}` : null;
  }

  /** The class whose code creates containers at `node` (not its config), for the audit. */
  contextAt(mod: PyModule, node: Node): string | null {
    const scope = scopeOf(node);
    if (scope.kind === "method") return defName(ownerClass(this.resolver, mod, scope.cls).cls);
    return scope.kind === "function" ? defName(scope.fn) : null;
  }

  configHolder(mod: PyModule, cls: Node): ConfigHolder | null {
    const key = `${mod.file.path}#${cls.startIndex}`;
    if (!this.configs.has(key)) this.configs.set(key, this.findConfigHolder(mod, cls));
    return this.configs.get(key)!;
  }

  private findConfigHolder(mod: PyModule, cls: Node): ConfigHolder | null {
    if (cls.type !== "class_definition" || ownerUsesField(cls)) return null;
    const init = findMethod(cls, "__init__");
    if (!init || nameStatus(cls, this.paramName) === "ours") return null;
    for (const param of params(init)) {
      if (param.type !== "typed_parameter" && param.type !== "typed_default_parameter") continue;
      const name = paramName(param);
      const written = param.childForFieldName("type")?.text ?? "";
      const typeText = written.replace(/\s*\|\s*None$/, "").replace(/^Optional\[(.*)\]$/, "$1");
      const optional = typeText !== written || /^None$/.test(param.childForFieldName("value")?.text ?? "");
      const def = /^[\w.]+$/.test(typeText) ? this.resolver.resolve(mod, typeText) : undefined;
      if (!name || def?.kind !== "class" || !ownerUsesField(def.node)) continue;
      for (const assign of descendants(init, "assignment")) {
        const left = assign.childForFieldName("left");
        const right = unparenthesized(assign.childForFieldName("right"));
        const source = unparenthesized(right?.type === "boolean_operator" ? right.childForFieldName("left") : right);
        if (left?.type === "attribute" && source?.type === "identifier" && source.text === name) {
          // `self.cache_config = cache_config` of an optional config (sagemaker's `Optional[CacheConfig] = None`)
          // may hold None, and `self.cache_config.runtime` would raise: only `config or Default()` always holds one.
          if (optional && right?.type !== "boolean_operator") break;
          const holder = { attr: left.childForFieldName("attribute")!.text, def, param: name, optional, assignedAt: assign.endIndex };
          return callsMethodsBefore(init, holder.assignedAt) ? null : holder;
        }
      }
    }
    return this.builtConfig(mod, init);
  }

  /** `self.config = config_class(**kwargs)` with `config_class: type = SandboxConfig` (minisweagent's shape), or
   *  `self.config = SandboxConfig(**kwargs)`: the settings live in the model, built from the constructor's keywords. */
  private builtConfig(mod: PyModule, init: Node): ConfigHolder | null {
    const kwargs = kwargsParam(init);
    if (!kwargs) return null;
    for (const assign of descendants(init, "assignment")) {
      const left = assign.childForFieldName("left");
      const right = unparenthesized(assign.childForFieldName("right"));
      if (left?.type !== "attribute" || right?.type !== "call") continue;
      if (!dictSplats(right).some((s) => namedChildren(s)[0]?.text === kwargs)) continue;
      const callee = right.childForFieldName("function")?.text ?? "";
      const param = findParam(init, callee);
      const typeName = param ? param.childForFieldName("value")?.text : callee;
      const def = typeName && /^[\w.]+$/.test(typeName) ? this.resolver.resolve(mod, typeName) : undefined;
      if (def?.kind !== "class" || !ownerUsesField(def.node) || callsMethodsBefore(init, assign.endIndex)) continue;
      return { attr: left.childForFieldName("attribute")!.text, def, param: "", optional: true, assignedAt: assign.endIndex };
    }
    return null;
  }

  /** How code at `reader` reads `owner`'s runtime under `name`. */
  accessAt(owner: PyOwner, name: string, reader: Reader): RuntimeRef | { reason: string } {
    const node = reader.node as Node;
    const mod = this.moduleOf(reader);
    const scope = scopeOf(node);
    if (owner.kind === "function" || scope.kind !== "method") return { expr: name, atomic: true };
    const site = ownerClass(this.resolver, mod, scope.cls);
    const config = this.configHolder(site.mod, site.cls);
    if (config?.def.node.equals(owner.node)) {
      // Inside __init__ before `self.config = config`, the attribute is not there yet: read the parameter.
      if (!scope.isInit || node.startIndex >= config.assignedAt) return { expr: `${scope.selfName}.${config.attr}.${name}`, atomic: true };
      if (config.param && !config.optional) return { expr: `${config.param}.${name}`, atomic: true };
      const why = config.param ? `and \`${config.param}\` may be None` : "(it builds the config)";
      return { reason: `it runs before \`${scope.selfName}.${config.attr}\` is set ${why}: pass \`${name}\` from the config by hand` };
    }
    if (scope.isInit && !ownerUsesField(owner.node) && scope.cls.equals(owner.node)) return { expr: name, atomic: true };
    return { expr: `${scope.selfName}.${name}`, atomic: true };
  }

  private moduleOf(reader: Reader): PyModule {
    return (reader as Reader & { mod?: PyModule }).mod ?? this.resolver.modules.find((m) => m.file === reader.file)!;
  }
}

function isTopLevel(def: Node): boolean {
  const parent = def.parent?.type === "decorated_definition" ? def.parent.parent : def.parent;
  return parent?.type === "module";
}

/** __init__ calls a method of its own (`self._spawn(...)`) before `offset`: that method may read the config before it is
 *  set, so the runtime cannot live there. */
function callsMethodsBefore(init: Node, offset: number): boolean {
  const self = namedChildren(init.childForFieldName("parameters"))[0]?.text;
  return descendants(init, "call").some((call) => {
    const fn = call.childForFieldName("function");
    return call.startIndex < offset && fn?.type === "attribute" && fn.childForFieldName("object")?.text === self;
  });
}
