// A command-line command (`@click.command()`, `@cli.command()`, `@click.group()`, Typer's `@app.command()`) is called
// by its framework with the options its user typed: a plain `runtime` parameter would never be given one (click passes
// only declared options, so `--runtime runc` is an error). Such a command takes none, like a web route: what it builds,
// and any container it starts itself, keeps the default, and a note says to add the option by hand.
import type { Node } from "web-tree-sitter";
import type { PyModule } from "./module-index.js";
import { decoratorNames, namedChildren } from "./syntax.js";

const COMMAND = /(?:^|\.)(?:command|group)$/;
const CLI_LIBRARIES = new Set(["click", "typer", "rich_click", "asyncclick", "cloup"]);

/** Why `def` takes no runtime when it is a click/Typer command ("is a command-line command (`@click.command`): …"). */
export function cliCommand(def: Node, mod: PyModule): string | null {
  if (def.type !== "function_definition") return null;
  const decorators = decoratorNames(def);
  const command = decorators.find((name) => COMMAND.test(name));
  if (!command || !usesCliLibrary(mod) || takesRuntimeOption(def)) return null;
  return `is a command-line command (\`@${command}\`): its user's options are all it is given, so add a \`--runtime\` option by hand to let them choose`;
}

/** A command that already declares the option (`@click.option("--runtime")` and `def main(runtime)`) is wired as any
 *  function that takes it. */
function takesRuntimeOption(def: Node): boolean {
  const params = def.childForFieldName("parameters");
  return !!params && namedChildren(params).some((p) => /^(?:\w*_)?runtime$/.test((p.type === "identifier" ? p : p.childForFieldName("name") ?? p.namedChildren[0])?.text ?? ""));
}

function usesCliLibrary(mod: PyModule): boolean {
  for (const binding of mod.imports.values()) if (CLI_LIBRARIES.has(binding.module.split(".")[0]!)) return true;
  return false;
}
