// tsconfig `paths` (`"@app/*": ["./src/*"]`): an import written through an alias names a file of the group as surely as
// a relative one, so a call through it is followed like any other. Bindings get the relative specifier the alias
// stands for; everything downstream resolves relative specifiers only.
import { posix } from "node:path";
import type { GroupContext } from "../../model/types.js";
import type { ImportBinding } from "./module-links.js";
import { ts } from "./ts-morph.js";

export interface PathAlias {
  /** The pattern's text before and after its `*` (the whole pattern and "" when it has none). */
  prefix: string;
  suffix: string;
  wildcard: boolean;
  /** Targets relative to the group root, `*` kept. */
  targets: string[];
}

/** The aliases that hold for a file: those of the nearest tsconfig.json (or jsconfig.json) above it, up to the group's
 *  root, that declares `paths` (a monorepo's package has its own: `"@dokploy/server/*": ["./src/*"]`). Cached per folder. */
export function aliasResolver(context: GroupContext): (fromRel: string) => PathAlias[] {
  const byDir = new Map<string, PathAlias[]>();
  const at = (dir: string): PathAlias[] => {
    let found = byDir.get(dir);
    if (found) return found;
    const own = dir === "" ? pathAliases(context) : context.fileAt ? pathAliases({ projectFile: (name) => context.fileAt!(`${dir}/${name}`) }, dir) : [];
    found = own.length > 0 || dir === "" ? own : at(parentDir(dir));
    byDir.set(dir, found);
    return found;
  };
  return (fromRel) => at(parentDir(fromRel));
}

function parentDir(rel: string): string {
  const dir = posix.dirname(rel);
  return dir === "." ? "" : dir;
}

/** The aliases the tsconfig.json (or jsconfig.json) at `dir` (the group's root by default) declares, targets made
 *  relative to the group's root; none when it declares none or does not parse. */
export function pathAliases(context: GroupContext, dir = ""): PathAlias[] {
  for (const name of ["tsconfig.json", "jsconfig.json"]) {
    const text = context.projectFile(name);
    if (text === undefined) continue;
    // tsconfig is JSON with comments and trailing commas: TypeScript's own reader takes it.
    const { config } = ts.parseConfigFileTextToJson(name, text);
    const options = config?.compilerOptions;
    const paths = options?.paths;
    if (!paths || typeof paths !== "object") return [];
    const baseUrl = typeof options.baseUrl === "string" ? options.baseUrl : ".";
    return Object.entries(paths as Record<string, unknown>)
      .filter((entry): entry is [string, string[]] => Array.isArray(entry[1]))
      .map(([pattern, targets]) => {
        const star = pattern.indexOf("*");
        return {
          prefix: star < 0 ? pattern : pattern.slice(0, star),
          suffix: star < 0 ? "" : pattern.slice(star + 1),
          wildcard: star >= 0,
          targets: targets.filter((t) => typeof t === "string").map((t) => posix.normalize(posix.join(dir, baseUrl, t))),
        };
      })
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }
  return [];
}

/** The bindings with each alias specifier written as the relative one it stands for (its first target). */
export function unaliased(bindings: Map<string, ImportBinding>, fromRel: string, aliases: PathAlias[]): Map<string, ImportBinding> {
  if (aliases.length === 0) return bindings;
  const out = new Map<string, ImportBinding>();
  for (const [local, binding] of bindings) out.set(local, { ...binding, specifier: unaliasedSpecifier(binding.specifier, fromRel, aliases) });
  return out;
}

/** The relative specifier an alias specifier stands for; any other as written. */
export function unaliasedSpecifier(specifier: string, fromRel: string, aliases: PathAlias[]): string {
  return (!specifier.startsWith(".") && throughAlias(specifier, fromRel, aliases)) || specifier;
}

function throughAlias(specifier: string, fromRel: string, aliases: PathAlias[]): string | undefined {
  for (const alias of aliases) {
    const matches = alias.wildcard
      ? specifier.startsWith(alias.prefix) && specifier.endsWith(alias.suffix) && specifier.length >= alias.prefix.length + alias.suffix.length
      : specifier === alias.prefix;
    const target = matches ? alias.targets[0] : undefined;
    if (!target) continue;
    const captured = alias.wildcard ? specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length) : "";
    const path = target.replace("*", captured);
    const relative = posix.relative(posix.dirname(fromRel), path);
    return relative.startsWith(".") ? relative : `./${relative}`;
  }
  return undefined;
}
