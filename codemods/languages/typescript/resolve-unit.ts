// Which unit of the group an expression names (`DockerSandbox`, `sandboxes.DockerSandbox`), in its own file or
// through an ESM/CommonJS import of another file of the group. Lexical: no type checker.
import { Node } from "./ts-morph.js";
import type { FileCtx } from "./edges.js";
import { resolveRelative } from "./module-links.js";
import { skipOuter } from "./syntax-helpers.js";
import type { Unit } from "./units.js";

export function resolveUnit(expression: Node, ctx: FileCtx, ctxs: FileCtx[]): Unit | undefined {
  const inner = skipOuter(expression);
  let local: string;
  let member: string | undefined;
  const object = Node.isPropertyAccessExpression(inner) ? skipOuter(inner.getExpression()) : undefined;
  if (Node.isIdentifier(inner)) local = inner.getText();
  else if (Node.isPropertyAccessExpression(inner) && Node.isIdentifier(object)) {
    local = object.getText();
    member = inner.getName();
  } else return undefined;
  if (!member) {
    const own = ctx.units.find((u) => u.name === local);
    if (own) return own;
  }
  const binding = ctx.imports.get(local);
  if (!binding) return undefined;
  const exported = binding.imported === "*" ? member ?? "*" : member ? undefined : binding.imported;
  return exported === undefined ? undefined : exportedUnit(ctx, binding.specifier, exported, ctxs, new Set());
}

/** The unit `specifier` (seen from `from`) exports as `exported`: its own, or one a barrel re-exports, however deep. */
function exportedUnit(from: FileCtx, specifier: string, exported: string, ctxs: FileCtx[], seen: Set<FileCtx>): Unit | undefined {
  const target = fileAt(from.file.rel, from.unalias(specifier), ctxs);
  if (!target || seen.has(target)) return undefined;
  seen.add(target);
  const targetLocal = target.exports.get(exported);
  if (targetLocal !== undefined) return target.units.find((u) => u.name === targetLocal);
  const named = target.reexports.named.get(exported);
  if (named) return named.imported === "*" ? undefined : exportedUnit(target, named.specifier, named.imported, ctxs, seen);
  // `export *` passes on every name but the default.
  if (exported === "default") return undefined;
  for (const star of target.reexports.star) {
    const unit = exportedUnit(target, star, exported, ctxs, seen);
    if (unit) return unit;
  }
  return undefined;
}

/** The file of the group a relative specifier names, seen from `fromRel`. */
export function fileAt(fromRel: string, specifier: string, ctxs: FileCtx[]): FileCtx | undefined {
  const byRel = filesByRel(ctxs);
  const rel = resolveRelative(fromRel, specifier, byRel);
  return rel === undefined ? undefined : byRel.get(rel);
}

/** The group's files by path, built once per list (every call of every file asks; a large group has thousands). The
 *  list only grows while the group is read, so its length tells a stale map. */
const byRelOf = new WeakMap<FileCtx[], { length: number; byRel: Map<string, FileCtx> }>();
function filesByRel(ctxs: FileCtx[]): Map<string, FileCtx> {
  let known = byRelOf.get(ctxs);
  if (!known || known.length !== ctxs.length) {
    const byRel = new Map<string, FileCtx>();
    for (const ctx of ctxs) if (!byRel.has(ctx.file.rel)) byRel.set(ctx.file.rel, ctx);
    byRelOf.set(ctxs, (known = { length: ctxs.length, byRel }));
  }
  return known.byRel;
}
