// Handlebars helpers for the templates. Every value that lands in generated code goes through one of these,
// so a template never pastes raw input into source: strings become literals, names become identifiers.

/** A Python string literal. JSON escapes are valid Python escapes for str ("\uXXXX", "\n", "\""). */
export function pyStr(value: unknown): string {
  return JSON.stringify(String(value));
}

/** A TypeScript/JavaScript string literal. */
export function tsStr(value: unknown): string {
  // JSON is a subset of JS except U+2028/2029 in old engines; escape them anyway.
  return JSON.stringify(String(value)).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Python package / module name: lowercase, '-' → '_'. */
export function pyIdent(value: unknown): string {
  const ident = String(value).toLowerCase().replace(/-/g, "_");
  if (!/^[a-z_][a-z0-9_]*$/.test(ident)) throw new Error(`pyIdent: ${JSON.stringify(value)} is not a Python identifier`);
  return ident;
}

/** PascalCase class name from an environment name: "my-env_2" → "MyEnv2". */
export function className(value: unknown): string {
  const words = String(value).split(/[-_]+/).filter(Boolean);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`className: ${JSON.stringify(value)} gives no identifier`);
  return name;
}

/** Environment class name: "my-env" → "MyEnv", "sokoban" → "SokobanEnv" (no "MyEnvEnv"). */
export function envClass(value: unknown): string {
  const name = className(value);
  return name.endsWith("Env") ? name : `${name}Env`;
}

/** UPPER_SNAKE for environment variables: "my-env" → "MY_ENV". */
export function envVar(value: unknown): string {
  return pyIdent(value).toUpperCase();
}

/** A number literal valid in Python and TypeScript ("2", "0.5"); refuses NaN/Infinity. */
export function num(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`num: ${JSON.stringify(value)} is not a finite number`);
  return String(n);
}

/** Equality for {{#if (eq executor "docker-cli")}}. */
export function eq(a: unknown, b: unknown): boolean {
  return a === b;
}

export const HELPERS = { pyStr, tsStr, pyIdent, className, envClass, envVar, num, eq } as const;
