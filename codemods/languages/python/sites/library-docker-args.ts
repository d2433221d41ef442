// Libraries that start containers with `docker run` but take extra arguments for it: minisweagent's
// `DockerEnvironment(run_args=[...])` / `DockerEnvironmentConfig`, SWE-ReX's `DockerDeployment(docker_args=[...])` /
// `DockerDeploymentConfig`. The runtime rides in those: `"--runtime", <runtime>`. minisweagent's default `run_args` is
// `["--rm"]` (since 1.10): a call that did not pass any keeps it.
import type { Node } from "web-tree-sitter";
import { insertListItem } from "../insert.js";
import type { PyModule } from "../module-index.js";
import type { Site } from "../site.js";
import { dictSplats, keywordArg, namedChildren, stringValue, unparenthesized } from "../syntax.js";
import { onlyBefore, upperBound } from "../dependency-pin.js";
import { isRuntimeFlag } from "./docker-argv.js";
import type { FinderContext } from "./index.js";

interface Door {
  library: string;
  /** The distribution pyproject.toml pins (PEP 503 spelling). */
  distribution: string;
  module: RegExp;
  classes: RegExp;
  keyword: string;
  /** The first release with the keyword, when some releases lack it. */
  since?: string;
  /** The library's default for the keyword, kept when the call did not pass one, and the release it became that. */
  defaults: string[];
  defaultsSince?: string;
  /** The library's factory that builds whichever environment a config names (`get_environment(config)`). */
  factory?: string;
}

// From the libraries' histories: minisweagent has had `run_args` since before 1.0.0 (the podman support commit) and
// defaults it to ["--rm"] since 1.10.0; SWE-ReX has had `docker_args` in every tagged release (1.0.4 on).
const DOORS: Door[] = [
  {
    library: "minisweagent", distribution: "mini-swe-agent", module: /^minisweagent(\.|$)/, classes: /^DockerEnvironment(Config)?$/,
    keyword: "run_args", since: "1.0.0", defaults: ["--rm"], defaultsSince: "1.10.0", factory: "get_environment",
  },
  { library: "SWE-ReX", distribution: "swe-rex", module: /^swerex(\.|$)/, classes: /^DockerDeployment(Config)?$/, keyword: "docker_args", defaults: [] },
];

export function findLibraryDockerArgs(mod: PyModule, ctx: FinderContext): Site[] {
  const sites: Site[] = [];
  for (const call of mod.nodes("call")) {
    const factory = doorOf(mod, call, true);
    if (factory) {
      const site = factorySite(mod, call, factory);
      if (site) sites.push(site);
      continue;
    }
    const door = doorOf(mod, call);
    if (!door) continue;
    const pin = upperBound(ctx.pyproject, door.distribution);
    const tooOld = door.since && onlyBefore(pin, door.since)
      ? `pyproject.toml pins ${door.distribution} below ${door.since}, the first release with \`${door.keyword}\`: upgrade it, then run crunify again`
      : undefined;
    // The library's default before it changed: `run_args=[]` up to minisweagent 1.9 (no --rm), so none is added.
    const defaults = door.defaultsSince && onlyBefore(pin, door.defaultsSince) ? [] : door.defaults;
    const q = mod.quote;
    const kw = keywordArg(call, door.keyword);
    const value = unparenthesized(kw?.childForFieldName("value") ?? splatEntry(call, door.keyword));
    const wired = value?.type === "list" && namedChildren(value).some(isRuntimeFlag);
    const label = `${call.childForFieldName("function")!.text}(...)`;
    // `DockerEnvironment(**config["environment"])`: the config may hold the keyword, and passing it beside the `**`
    // too is a TypeError ("got multiple values for keyword argument"). The flag then goes in front of the ones it holds.
    const holders = value ? [] : dictSplats(call).filter((splat) => mayHold(namedChildren(splat)[0] ?? null, door.keyword));
    const holder = holders.length === 1 ? unparenthesized(namedChildren(holders[0]!)[0]!) : null;
    // `DockerEnvironment(config_class=Sandboxed, ...)`: that class's default `run_args` (or none) is what the call keeps.
    const configClass = keywordArg(call, "config_class") ? `its \`config_class\` decides the \`${door.keyword}\` it keeps by default: add \`${q}--runtime${q}, <runtime>\` there, or pass \`${door.keyword}\` here with them` : undefined;
    const unreadable = configClass ?? (holders.length > 1 || (holder !== null && !rereadable(holder))
      ? `its \`**${holders.map((h) => namedChildren(h)[0]!.text).join("`, `**")}\` may hold \`${door.keyword}\` (passing it here too would be a TypeError): add \`${q}--runtime${q}, <runtime>\` to the ones it holds`
      : undefined);
    sites.push({
      mod,
      node: call,
      what: label,
      via: `${door.library} ${door.keyword}`,
      wiredWith: wired ? "--runtime" : null,
      manual: tooOld ?? (value && value.type !== "list" ? `its \`${door.keyword}\` is built elsewhere: add \`${q}--runtime${q}, <runtime>\` to it` : unreadable),
      fix(runtime) {
        const flag = `${q}--runtime${q}, ${runtime}`;
        if (value) return insertListItem(mod.file.text, value, flag);
        const items = defaults.map((d) => `${q}${d}${q}`);
        if (holder) {
          // Before the ones it holds (or the library's default), so that a `--runtime` among them still wins.
          const key = `${q}${door.keyword}${q}`;
          const merged = `{**${holder.text}, ${key}: [${flag}, *${holder.text}.get(${key}, [${items.join(", ")}])]}`;
          return [{ start: holder.startIndex, end: holder.endIndex, text: merged }];
        }
        const args = call.childForFieldName("arguments")!;
        return insertListItem(mod.file.text, args, `${door.keyword}=[${[...items, flag].join(", ")}]`, namedChildren(args).find((a) => a.type === "dictionary_splat") ?? null);
      },
      hint: (runtime) => `\`${door.keyword}=[..., ${q}--runtime${q}, ${runtime}]\``,
      ...(defaultOf(call) ? { note: `${label} is only ${defaultOf(call)}: settings that a config file or the command line give are built without it, and so without \`--runtime\`: give their \`${door.keyword}\` \`${q}--runtime${q}, <runtime>\` too` } : {}),
    });
  }
  return sites;
}

/** A field's default (`Field(default_factory=lambda: DockerDeploymentConfig(...))`, `deployment: X = X(...)` in a
 *  class body): a model built from the user's settings never runs it (SWE-agent's deployment configs). */
function defaultOf(call: Node): string | null {
  let node: Node = call;
  if (node.parent?.type === "lambda") node = node.parent;
  const parent = node.parent;
  if (parent?.type === "keyword_argument") {
    const name = parent.childForFieldName("name")?.text;
    return name === "default_factory" || name === "default" ? `a field's default (\`${name}=\`)` : null;
  }
  const inClassBody = parent?.type === "assignment" && parent.parent?.type === "expression_statement" && parent.parent.parent?.type === "block" && parent.parent.parent.parent?.type === "class_definition";
  return inClassBody && parent!.childForFieldName("right")?.equals(node) && !!parent!.childForFieldName("type") ? "a field's default" : null;
}

/** `get_environment(config)`: the environment class and its arguments come from the config, mostly a YAML file. A
 *  literal config (a dict, `dict(...)`; positional or `config=`) that names a class without containers (`local`, or
 *  `default_type="local"` when it names none) builds none; one whose docker arguments hold `--runtime` is wired; any
 *  other is reported (SkyRL's mini-swe-agent example). SWE-ReX's class takes them as
 *  `deployment_extra_kwargs={"docker_args": [...]}`, every other docker class as `run_args`. */
function factorySite(mod: PyModule, call: Node, door: Door): Site | null {
  const q = mod.quote;
  const config = unparenthesized(namedChildren(call.childForFieldName("arguments")).find((a) => a.type !== "keyword_argument") ?? keywordArg(call, "config")?.childForFieldName("value") ?? null);
  const entry = (dict: Node | null, key: string): Node | null => {
    if (dict?.type === "dictionary") return namedChildren(dict).find((p) => p.type === "pair" && stringValue(p.childForFieldName("key")) === key)?.childForFieldName("value") ?? null;
    if (dict?.type === "call" && dict.childForFieldName("function")?.text === "dict") return keywordArg(dict, key)?.childForFieldName("value") ?? null;
    return null;
  };
  const named = entry(config, "environment_class");
  const kind = named ? stringValue(unparenthesized(named)) : stringValue(unparenthesized(keywordArg(call, "default_type")?.childForFieldName("value") ?? null));
  // By name or dotted path (`minisweagent.environments.local.LocalEnvironment`); Modal's sandboxes run in its cloud.
  if (kind !== null && (kind.toLowerCase().split(".").some((part) => NO_CONTAINERS.has(part)) || /modal/i.test(kind))) return null;
  const swerex = kind !== null && /swerex/.test(kind);
  const args = unparenthesized(swerex ? entry(unparenthesized(entry(config, "deployment_extra_kwargs")), "docker_args") : entry(config, door.keyword));
  const wired = args?.type === "list" && namedChildren(args).some(isRuntimeFlag);
  const where = swerex ? `\`deployment_extra_kwargs={${q}docker_args${q}: [...]}\`` : `\`${door.keyword}\``;
  return {
    mod,
    node: call,
    what: `${call.childForFieldName("function")!.text}(...)`,
    via: `${door.library} ${door.keyword}`,
    wiredWith: wired ? "--runtime" : null,
    manual: `${door.library} builds the environment its config names (\`environment_class\`): where that is a container, add \`${q}--runtime${q}, <runtime>\` to the config's ${where}`,
    fix: () => [],
    hint: () => "",
  };
}

/** The value a `**{...}` literal of the call gives `keyword` (what crunify's own fix writes), or null. */
function splatEntry(call: Node, keyword: string): Node | null {
  for (const splat of dictSplats(call)) {
    const dict = unparenthesized(namedChildren(splat)[0] ?? null);
    if (dict?.type !== "dictionary") continue;
    const items = namedChildren(dict);
    const at = items.findIndex((p) => p.type === "pair" && stringValue(p.childForFieldName("key")) === keyword);
    // `**{"run_args": [...], **S}`: what S holds would replace it.
    if (at >= 0 && !items.slice(at + 1).some((p) => p.type === "dictionary_splat")) return items[at]!.childForFieldName("value");
  }
  return null;
}

/** Whether a `**` value may hold `keyword`: anything but a literal (a dict, `dict(...)`) that neither names it nor
 *  splats another in. */
function mayHold(value: Node | null, keyword: string): boolean {
  const inner = unparenthesized(value);
  if (inner?.type === "dictionary") {
    // A key that is no plain string (`{RUN_ARGS: [...]}`, an f-string) may be it.
    return namedChildren(inner).some((p) => p.type === "dictionary_splat" || (p.type === "pair" && (stringValue(p.childForFieldName("key")) ?? keyword) === keyword));
  }
  if (inner?.type === "call" && inner.childForFieldName("function")?.text === "dict") {
    const args = namedChildren(inner.childForFieldName("arguments"));
    return args.some((a) => a.type !== "keyword_argument" || a.childForFieldName("name")?.text === keyword);
  }
  return true;
}

/** An expression that reads the same twice and does nothing else: a name, its attributes, literal subscripts of
 *  them (`config["environment"]`, `self.config.deployment_extra_kwargs`). A call is never read twice. */
function rereadable(node: Node): boolean {
  if (node.type === "identifier") return true;
  if (node.type === "attribute") return rereadable(node.childForFieldName("object")!);
  if (node.type === "subscript") {
    const index = namedChildren(node).slice(1);
    return rereadable(node.childForFieldName("value")!) && index.length === 1 && (stringValue(index[0]!) !== null || index[0]!.type === "integer");
  }
  return false;
}

/** minisweagent's environment classes that start no container. */
const NO_CONTAINERS = new Set(["local", "singularity", "bubblewrap"]);

/** The door a call goes through: its callee is one of the classes (or, `factory`, the library's factory), imported
 *  from the library. */
function doorOf(mod: PyModule, call: Node, factory = false): Door | undefined {
  const fn = call.childForFieldName("function");
  const local = fn?.type === "identifier" ? fn.text : fn?.childForFieldName("object")?.text.split(".")[0] ?? "";
  const binding = mod.imports.get(local);
  if (!binding) return undefined;
  // The name it was imported as: `from minisweagent.environments import get_environment as make_env`.
  const name = fn?.type === "identifier" ? binding.name ?? fn.text : fn?.type === "attribute" ? fn.childForFieldName("attribute")!.text : "";
  return DOORS.find((door) => (factory ? door.factory === name : door.classes.test(name)) && door.module.test(binding.module) && !insideLibrary(mod, door));
}

/** The library's own code (`src/swerex/deployment/docker.py` building its config): it is the container's creator,
 *  whose sites and owners crunify wires as any package's, not a door into it. Its modules are the library's package
 *  itself, at the top or under `src/`; a user's module merely named after it (`evalpkg/executors/nemo_run.py`) is not. */
export function insideLibrary(mod: PyModule, library: { module: RegExp }): boolean {
  return library.module.test(mod.moduleName.replace(/^src\./, ""));
}
