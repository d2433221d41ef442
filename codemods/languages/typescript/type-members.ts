// Options types declared in the same file (interface, type alias of an object type, inline type literal):
// find them and add an optional member the way their other members are written.
import type { InterfaceDeclaration, SourceFile, TypeLiteralNode, TypeNode } from "ts-morph";
import { Node, SyntaxKind } from "./ts-morph.js";
import type { Edit } from "../../model/types.js";
import { insertAt, trailingCommentEnd } from "./list-insert.js";
import { indentAt, startsLine } from "./text-layout.js";

export type MemberHolder = InterfaceDeclaration | TypeLiteralNode;

/** An options type a parameter is annotated with, seen through `Partial<…>`, `Readonly<…>` and `Required<…>`. */
export interface OptionsType {
  holder: MemberHolder;
  /** Seen through `Required<…>`: every member must be given, a new optional one included. */
  required: boolean;
  /** Declared in the file that asks (else in another file of the group). */
  local: boolean;
}

const WRAPPERS = new Set(["Partial", "Readonly", "Required"]);

/** `Partial<Options>` → `Options` (and whether the last wrapper was Required). */
export function unwrapOptionsType(typeNode: TypeNode | undefined): { inner: TypeNode | undefined; required: boolean } {
  let required = false;
  let inner = typeNode;
  while (inner && Node.isTypeReference(inner) && WRAPPERS.has(inner.getTypeName().getText()) && inner.getTypeArguments().length === 1) {
    if (!required) required = inner.getTypeName().getText() === "Required";
    inner = inner.getTypeArguments()[0];
  }
  return { inner, required };
}

/** The object type a parameter's annotation names, when its members are written in this file. */
export function localObjectType(typeNode: TypeNode | undefined): MemberHolder | undefined {
  if (!typeNode) return undefined;
  if (Node.isTypeLiteral(typeNode)) return dataShape(typeNode);
  // `ExternalOptions & { runtime?: OciRuntime }`: the part written here.
  if (Node.isIntersectionTypeNode(typeNode)) return dataShape(typeNode.getTypeNodes().filter(Node.isTypeLiteral).at(-1));
  if (!Node.isTypeReference(typeNode)) return undefined;
  const name = typeNode.getTypeName().getText();
  const sf = typeNode.getSourceFile();
  return declaredObjectType(sf, name);
}

/** An interface or an object type alias of that name in `sf`. */
export function declaredObjectType(sf: SourceFile, name: string): MemberHolder | undefined {
  const declared = sf.getInterface(name);
  if (declared) return dataShape(declared);
  const alias = sf.getTypeAlias(name)?.getTypeNode();
  return alias && Node.isTypeLiteral(alias) ? dataShape(alias) : undefined;
}

/** An options object holds data: a type with methods or call signatures (`interface Sandbox { exec(cmd): ... }`) is a
 *  service the unit uses, and a `runtime` member there would be read from the service, not chosen by the caller. */
function dataShape<T extends MemberHolder>(holder: T | undefined): T | undefined {
  const behaves = holder?.getMembers().some((m) => Node.isMethodSignature(m) || Node.isCallSignatureDeclaration(m) || Node.isConstructSignatureDeclaration(m));
  return behaves ? undefined : holder;
}

export function hasMember(holder: MemberHolder, name: string): boolean {
  return holder.getMembers().some((m) => Node.isPropertySignature(m) && m.getName() === name);
}

/** Add `member` (e.g. `runtime?: OciRuntime`) after the last member, with the separator the others use. */
export function addMember(text: string, holder: MemberHolder, member: string, indentUnit: string): Edit {
  const members = holder.getMembers();
  const last = members.at(-1);
  const separatorOf = (m: Node | undefined) => {
    const end = m?.getText().at(-1);
    return end === ";" || end === "," ? end : "";
  };
  if (!last) {
    const open = holder.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken);
    const close = holder.getLastChildByKindOrThrow(SyntaxKind.CloseBraceToken);
    const inner = text.slice(open.getEnd(), close.getStart());
    if (inner.includes("\n")) {
      return insertAt(open.getEnd(), `\n${indentAt(text, open.getStart())}${indentUnit}${member};`);
    }
    return { start: open.getEnd(), end: close.getStart(), text: ` ${member} ` };
  }
  const separator = separatorOf(last);
  if (startsLine(text, last.getStart())) {
    // `deploymentSpinner?: any; // Replace 'any' …`: the comment is that member's own, so the new line goes after it.
    const at = trailingCommentEnd(text, last.getEnd()) ?? last.getEnd();
    return insertAt(at, `\n${indentAt(text, last.getStart())}${member}${separator}`);
  }
  if (separator) return insertAt(last.getEnd(), ` ${member}${separator}`);
  return insertAt(last.getEnd(), `${separatorOf(members.at(-2)) || ";"} ${member}`);
}

export function holderName(holder: MemberHolder): string {
  return Node.isInterfaceDeclaration(holder) ? holder.getName() : "the options type";
}
