// The newest version of a library an environment's pyproject.toml allows, when its pin has an upper bound
// (`mini-swe-agent==1.9.1`, `<1.10`, `~=1.8.0`, poetry's `^0.9`): a library door that came later cannot be used, and
// a default that changed later is not the one the environment runs with.
// pyproject.toml is a config file, not code: the dependency strings are read with patterns.

/** [major, minor, patch]; `exclusive` when the bound itself is not allowed (`<1.10`). */
export interface UpperBound {
  version: number[];
  exclusive: boolean;
}

/** PEP 503: `mini_swe_agent`, `Mini.Swe-Agent` and `mini-swe-agent` are one distribution. */
function namePattern(distribution: string): string {
  return distribution.split(/[-_.]+/).map((part) => part.replace(/[^A-Za-z0-9]/g, "")).join("[-_.]+");
}

/** The version specifiers pyproject gives for `distribution` (PEP 508 strings and poetry tables). */
function specifiers(pyproject: string, distribution: string): string[] {
  const name = namePattern(distribution);
  const pep508 = new RegExp(`["']\\s*${name}\\s*(?:\\[[^\\]]*\\])?\\s*([<>=!~][^"';]*)`, "gi");
  const poetry = new RegExp(`^\\s*["']?${name}["']?\\s*=\\s*(?:["']([^"']+)["']|\\{[^}\\n]*version\\s*=\\s*["']([^"']+)["'])`, "gim");
  const out: string[] = [];
  for (const m of pyproject.matchAll(pep508)) out.push(m[1]!);
  for (const m of pyproject.matchAll(poetry)) out.push(m[1] ?? m[2]!);
  return out;
}

const parse = (text: string) => text.split(".").map((n) => Number.parseInt(n, 10) || 0);

/** The tightest upper bound of one specifier clause, or null when it sets none. */
function clauseBound(clause: string): UpperBound | null {
  const m = /^\s*(==|<=|<|~=|\^|~)?\s*v?([0-9]+(?:\.[0-9]+)*)(\.\*)?\s*$/.exec(clause);
  if (!m) return null;
  const [, op = "", ver = "", star] = m;
  const v = parse(ver);
  const bump = (i: number) => [...v.slice(0, i), (v[i] ?? 0) + 1].concat(Array(Math.max(0, 2 - i)).fill(0));
  if (op === "==" || (op === "" && !star)) return star ? { version: bump(v.length - 1), exclusive: true } : { version: v, exclusive: false };
  if (op === "<") return { version: v, exclusive: true };
  if (op === "<=") return { version: v, exclusive: false };
  if (op === "~=") return { version: bump(Math.max(0, v.length - 2)), exclusive: true };
  if (op === "^") return { version: bump(Math.max(0, v.findIndex((n) => n !== 0))), exclusive: true };
  if (op === "~") return { version: bump(Math.min(1, v.length - 1)), exclusive: true };
  return null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The tightest upper bound the pyproject sets on `distribution`, or null (not listed, or unbounded). */
export function upperBound(pyproject: string | null, distribution: string): UpperBound | null {
  if (!pyproject) return null;
  let best: UpperBound | null = null;
  for (const spec of specifiers(pyproject, distribution)) {
    for (const clause of spec.split(",")) {
      const bound = clauseBound(clause);
      if (bound && (!best || compare(bound.version, best.version) < 0)) best = bound;
    }
  }
  return best;
}

/** Whether every version the pin allows is older than `version` (`<1.10`, `==1.9.2`, `~=1.8.0`). */
export function onlyBefore(bound: UpperBound | null, version: string): boolean {
  if (!bound) return false;
  const diff = compare(bound.version, parse(version));
  return diff < 0 || (diff === 0 && bound.exclusive);
}
