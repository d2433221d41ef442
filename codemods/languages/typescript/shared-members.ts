// Options types shared across files: `loadEnvironment(opts: Partial<SandboxOptions>)` in one file reads the member
// that `SandboxOptions`, declared in another, must gain. An owner's own edits stay in its file, so the member is
// added here, once per type, after every owner is planned (unless an owner in the type's file adds it itself).
import type { Fix, OwnerFact, OwnerPlan } from "../../model/frontend.js";
import type { SourceFile } from "../../model/types.js";
import type { FileCtx, TsOwnerPlan } from "./edges.js";
import type { OciTypes } from "./oci-type.js";
import { quoted } from "./file-style.js";
import { appendItem } from "./list-insert.js";
import { requiredLiterals } from "./required-defaults.js";
import { objectShape, propertyNamed } from "./syntax-helpers.js";
import { addMember, holderName, type MemberHolder } from "./type-members.js";

export function sharedMembers(
  planned: { owner: OwnerFact; plan: OwnerPlan }[],
  ctxs: FileCtx[],
  ociTypes: OciTypes,
  runtimeDefault: string,
): { file: SourceFile; at: number; subject: string; fix: Fix }[] {
  const addedByOwner = new Set<MemberHolder>();
  const requested = new Map<MemberHolder, { text: string; by: OwnerFact }>();
  for (const { owner, plan } of planned) {
    const member = (plan as TsOwnerPlan).member;
    if (!member) continue;
    if (member.type.local) addedByOwner.add(member.type.holder);
    else if (!requested.has(member.type.holder)) requested.set(member.type.holder, { text: member.text, by: owner });
  }
  const results = [];
  for (const holder of new Set([...addedByOwner, ...requested.keys()])) {
    // Objects declared `Required<Options>` must now give the runtime: the default goes there.
    for (const { ctx, literal, declared } of requiredLiterals(holder, ctxs)) {
      if (propertyNamed(literal, runtimeName(planned, holder))) continue;
      const item = `${runtimeName(planned, holder)}: ${quoted(ctx.style, runtimeDefault)}`;
      results.push({ file: ctx.file, at: literal.getStart(), subject: `${declared} (a Required<${holderName(holder)}>)`, fix: { edits: [appendItem(ctx.file.text, objectShape(literal), item)], add: `\`${item}\`` } });
    }
  }
  for (const [holder, { text, by }] of requested) {
    if (addedByOwner.has(holder)) continue;
    const ctx = ctxs.find((c) => c.sf === holder.getSourceFile());
    if (!ctx) continue;
    const edits = [addMember(ctx.file.text, holder, text, ctx.style.indent)];
    if (text.includes("OciRuntime")) edits.push(...ociTypes.ensure(ctx));
    const subject = `${kindOf(holder)} ${holderName(holder)} (the options of ${by.kind === "class" ? `class ${by.name}` : `${by.name}()`})`;
    results.push({ file: ctx.file, at: holder.getStart(), subject, fix: { edits, add: `\`${text}\`` } });
  }
  for (const owed of ociTypes.owedDeclarations()) results.push({ file: owed.ctx.file, at: owed.edit.start, subject: `${owed.ctx.file.rel} (the package's types module)`, problem: "does not declare the OCI runtime type the owners import from it", fix: { edits: [owed.edit], add: "`export type OciRuntime`" } });
  return results;
}

/** The member's name as the owners that asked for it spell it (`runtime`, or `ociRuntime` on a clash). */
function runtimeName(planned: { plan: OwnerPlan }[], holder: MemberHolder): string {
  return planned.find(({ plan }) => (plan as TsOwnerPlan).member?.type.holder === holder)?.plan.name ?? "runtime";
}

function kindOf(holder: MemberHolder): string {
  return holder.getKindName() === "InterfaceDeclaration" ? "interface" : "type";
}
