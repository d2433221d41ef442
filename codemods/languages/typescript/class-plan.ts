// A class takes the runtime in its constructor, the way the constructor already takes things: a member of an options
// object it keeps, a parameter property, or a parameter copied into a field. A class that extends a class of the
// group only hands the runtime to `super(...)`: the top-most class keeps it, visible to its subclasses.
import type { ClassDeclaration, ConstructorDeclaration, ParameterDeclaration } from "ts-morph";
import { Node, SyntaxKind } from "./ts-morph.js";
import type { RuntimeRef } from "../../model/frontend.js";
import type { Edit } from "../../model/types.js";
import { jsDocParamEdits } from "./jsdoc-param.js";
import { insertAt } from "./list-insert.js";
import { bare, defaultLiteral, optionRef, optionsMayBeAbsent, thisRef, type OwnerPlan, type PlanContext } from "./owner-params.js";
import { overloadEdits, parameterSlot } from "./signature.js";
import { skipOuter, unsetByDefault } from "./syntax-helpers.js";
import { indentAt, lineStart } from "./text-layout.js";
import { planClassOption, type Keeping } from "./class-options.js";
import { optionsTypeOf } from "./options-param.js";
import { hasMember } from "./type-members.js";

const DI_DECORATORS = new Set(["Injectable", "Controller", "Component", "Directive", "Pipe", "Service", "injectable", "Resolver", "Processor", "WebSocketGateway"]);

export function planClass(cls: ClassDeclaration, ctx: PlanContext): OwnerPlan {
  const { text, style, paramName: name } = ctx;
  const ctor = cls.getConstructors().find((c) => c.hasBody());
  const existing = existingClassParam(cls, ctor, ctx);
  if (existing) return existing;

  const type = style.typed ? `: OciRuntime` : "";
  const defaultValue = defaultLiteral(ctx);
  const visibility = ctx.hasSubclasses ? "protected" : "private";
  const base = { name, exists: false };
  const cannot = (reason: string): OwnerPlan => ({ ...base, edits: [], what: "", reason, pass: { kind: "none" } });

  const keeping = ctor && keepingIn(cls, ctor, text);
  const option = ctor && keeping && planClassOption(ctor, keeping, ctx);
  if (option) return option;
  // A dependency-injection container builds it (NestJS's `@Injectable()`, Angular's, typedi's `@Service()`): it resolves
  // every constructor parameter as a dependency, so a new one stops the app from starting.
  const injected = cls.getDecorators().map((d) => d.getName()).find((d) => DI_DECORATORS.has(d));
  if (injected) return cannot(`${cls.getName() ?? "the class"} is built by a dependency-injection container (\`@${injected}()\`), which would resolve a new constructor parameter as a dependency: give it the runtime through a provider it already injects (a config service or options token) by hand`);

  if (!ctor) {
    if (cls.getExtends()) return cannot(`${cls.getName() ?? "the class"} extends a class outside this package and has no constructor; give it one that takes the runtime`);
    const anchor = cls.getMembers().find((m) => !Node.isPropertyDeclaration(m));
    const indent = anchor ? indentAt(text, anchor.getStart()) : indentAt(text, cls.getStart()) + style.indent;
    const ctorText = style.typed
      ? `constructor(${visibility} readonly ${name}${type} = ${defaultValue}) {}`
      : `constructor(${name} = ${defaultValue}) {\n${indent}${style.indent}this.${name} = ${name}${style.semi}\n${indent}}`;
    const at = anchor ? lineStart(text, anchor.getStart(true)) : undefined;
    const edit = at !== undefined
      ? insertAt(at, `${indent}${ctorText}\n\n`)
      : insertAt(cls.getFirstChildByKindOrThrow(SyntaxKind.OpenBraceToken).getEnd(), `\n${indent}${ctorText}\n`);
    return { ...base, edits: [edit], what: `a constructor taking \`${name}\``, access: thisRef(name), pass: { kind: "positional", index: 0 } };
  }

  const what = `${cls.getName() ?? "the class"}'s constructor`;
  const slot = parameterSlot(ctor, text, ctx.maxArgs, what);
  if ("reason" in slot) return cannot(slot.reason);
  const overloads = overloadEdits(ctor.getOverloads(), slot.index, `${name}${style.typed ? "?: OciRuntime" : ""}`, text, what);
  if ("reason" in overloads) return cannot(overloads.reason);
  const pass = { kind: "positional", index: slot.index } as const;
  const plainItem = `${name}${type} = ${defaultValue}`;
  const documented = jsDocParamEdits(ctor, text, name, defaultValue, style.typed);
  const plain = [slot.insert(plainItem), ...overloads, ...documented];
  const reads = { access: thisRef(name), ctorAccess: bare(name), pass, ctorOnlyWhat: `parameter \`${plainItem}\`` };

  // A subclass: the top-most class keeps the runtime; this constructor only passes it on.
  if (ctx.derived) return { ...base, edits: plain, ctorOnlyEdits: plain, what: `\`${plainItem}\`, handed to super`, ...reads };

  if (style.typed && ctor.getParameters().some((p) => p.isParameterProperty())) {
    const item = `${visibility} readonly ${name}${type} = ${defaultValue}`;
    return { ...base, edits: [slot.insert(item), ...overloads], ctorOnlyEdits: plain, what: `\`${item}\``, ...reads };
  }

  // Plain parameters copied into fields: a parameter, a field (TS) and the assignment.
  const edits = [...plain, keeping!.assign(`this.${name} = ${name}${style.semi}`)];
  if (style.typed) edits.push(keeping!.declareField(`${visibility} readonly ${name}${type}${style.semi}`));
  return { ...base, edits, ctorOnlyEdits: plain, what: `\`${plainItem}\` stored in \`this.${name}\``, ...reads };
}

function existingClassParam(cls: ClassDeclaration, ctor: ConstructorDeclaration | undefined, ctx: PlanContext): OwnerPlan | undefined {
  const name = ctx.paramName;
  const found = { name, exists: true, edits: [], what: "" };
  const params = ctor?.getParameters() ?? [];
  const index = params.findIndex((p) => p.getName() === name);
  if (index >= 0) {
    const mayBeUnset = unsetByDefault(params[index]!, ctx.style.typed);
    return { ...found, access: thisRef(name), ctorAccess: bare(name), pass: { kind: "positional", index }, ...(mayBeUnset ? { mayBeUnset } : {}) };
  }
  const assigned = ctor?.getStatements().map(thisAssignment).find((a) => a?.field === name);
  for (const [i, param] of params.entries()) {
    // `{ image, runtime = "crun" }`, or `this.runtime = options.runtime ?? "crun"`: an option already.
    const pattern = param.getNameNode();
    const destructured = Node.isObjectBindingPattern(pattern) && pattern.getElements().some((e) => e.getName() === name);
    const readsIt = (value: string) => value.startsWith(`${param.getName()}.${name}`) || value.startsWith(`${param.getName()}?.${name}`);
    if (destructured || (assigned && readsIt(assigned.value))) {
      const ctorAccess = destructured ? bare(name) : optionRef(param.getName(), ctx, false, optionsMayBeAbsent(param, ctx.style.typed));
      return { ...found, access: thisRef(name), ctorAccess, pass: { kind: "option", index: i, key: name } };
    }
  }
  for (const [i, param] of params.entries()) {
    const options = optionsTypeOf(param, ctx);
    if (!options || !hasMember(options.holder, name)) continue;
    const stored = ctor && storedAs(param, ctor);
    const absent = optionsMayBeAbsent(param, ctx.style.typed);
    const access: RuntimeRef | undefined = cls.getProperty(name) ? thisRef(name) : stored ? optionRef(stored, ctx, options.required, absent) : undefined;
    return {
      ...found,
      ...(access ? { access } : {}),
      ctorAccess: optionRef(param.getName(), ctx, options.required, absent),
      reason: "the options are not kept on the instance",
      pass: { kind: "option", index: i, key: name, ...(options.required ? { required: true } : {}) },
    };
  }
  if (cls.getProperty(name) || assigned) return { ...found, access: thisRef(name), pass: { kind: "none" } };
  return undefined;
}

function keepingIn(cls: ClassDeclaration, ctor: ConstructorDeclaration, text: string): Keeping {
  return {
    assign: (statement) => assignInConstructor(ctor, statement, text),
    declareField: (declaration) => declareField(cls, ctor, declaration, text),
    storedAs: (param) => storedAs(param, ctor),
  };
}

/** `this.x` when the parameter is kept on the instance (parameter property or `this.x = param`). */
function storedAs(param: ParameterDeclaration, ctor: ConstructorDeclaration): string | undefined {
  const name = param.getNameNode();
  if (!Node.isIdentifier(name)) return undefined;
  if (param.isParameterProperty()) return `this.${name.getText()}`;
  for (const statement of ctor.getStatements()) {
    const assigned = thisAssignment(statement);
    if (assigned && assigned.value === name.getText()) return `this.${assigned.field}`;
  }
  return undefined;
}

function thisAssignment(statement: Node): { field: string; value: string } | undefined {
  if (!Node.isExpressionStatement(statement)) return undefined;
  const expression = statement.getExpression();
  if (!Node.isBinaryExpression(expression) || expression.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return undefined;
  const left = expression.getLeft();
  if (!Node.isPropertyAccessExpression(left) || !Node.isThisExpression(left.getExpression())) return undefined;
  return { field: left.getName(), value: skipOuter(expression.getRight()).getText() };
}

/** `this.runtime = runtime;` after the constructor's last `this.x = …` (or after `super(…)`, or first). */
function assignInConstructor(ctor: ConstructorDeclaration, statementText: string, text: string): Edit {
  const statements = ctor.getStatements();
  const lastAssignment = [...statements].reverse().find((s) => thisAssignment(s));
  const superCall = statements.find((s) => s.getText().startsWith("super("));
  const after = lastAssignment ?? superCall;
  if (after) return insertAt(after.getEnd(), `\n${indentAt(text, after.getStart())}${statementText}`);
  const first = statements[0];
  if (first) return insertAt(lineStart(text, first.getStart(true)), `${indentAt(text, first.getStart())}${statementText}\n`);
  const body = ctor.getBodyOrThrow();
  const indent = indentAt(text, ctor.getStart());
  return { start: body.getStart() + 1, end: body.getEnd() - 1, text: `\n${indent}  ${statementText}\n${indent}` };
}

/** A field declaration after the last one, or before the constructor. */
/** The new field goes with the instance fields declared above the constructor (else after the last one), set off by a
 *  blank line where the class sets its members off so (eslint's lines-between-class-members). */
function declareField(cls: ClassDeclaration, ctor: ConstructorDeclaration, declaration: string, text: string): Edit {
  const fields = cls.getProperties().filter((p) => !p.isStatic());
  const anchor = fields.filter((p) => p.getEnd() <= ctor.getStart(true)).at(-1) ?? fields.at(-1);
  if (anchor) {
    // Fields set off from fields: the one before the anchor says (a lone field's blank line before the constructor
    // sets the fields off from it, not from each other).
    const before = cls.getMembers()[cls.getMembers().indexOf(anchor) - 1];
    const between = before && Node.isPropertyDeclaration(before) ? text.slice(before.getEnd(), anchor.getStart(true)) : "";
    const gap = /\n[ \t]*\r?\n/.test(between) ? "\n\n" : "\n";
    return insertAt(anchor.getEnd(), `${gap}${indentAt(text, anchor.getStart())}${declaration}`);
  }
  const at = lineStart(text, ctor.getStart(true));
  return insertAt(at, `${indentAt(text, ctor.getStart())}${declaration}\n\n`);
}
