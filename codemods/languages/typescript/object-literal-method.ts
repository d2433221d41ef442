// Code outside every unit is module level, where nobody can hand it a runtime and the default is written in. Not so
// inside a function that is a member of an object literal (`defineProvider({ methods: { create: async (config) =>
// … } })`, `{ async make(image) { … } }`): that is an API whose callers pass it arguments crunify cannot follow, and
// pinning the default there would take the choice away from every user of a published library.
import { Node } from "./ts-morph.js";
import { outerParent } from "./syntax-helpers.js";

/** The member name of the object-literal function around `node` (outside any unit), or null. */
export function objectLiteralMethod(node: Node): string | null {
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (Node.isMethodDeclaration(current) || Node.isGetAccessorDeclaration(current) || Node.isSetAccessorDeclaration(current)) {
      if (Node.isObjectLiteralExpression(current.getParent())) return current.getName();
      continue;
    }
    // `create: async (config) => …`, also parenthesized or cast (`create: (async (config) => …) as Create`).
    const holder = Node.isArrowFunction(current) || Node.isFunctionExpression(current) ? outerParent(current) : undefined;
    if (holder && Node.isPropertyAssignment(holder) && Node.isObjectLiteralExpression(holder.getParent())) return holder.getName();
  }
  return null;
}
