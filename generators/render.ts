// Our own Handlebars instance: noEscape (we emit code, not HTML), strict (a missing value is an error,
// never an empty string in generated code), explicit helpers, and partials from templates/<kind>/partials/.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { packagePath } from "../codemods/driver/package-root.js";
import Handlebars from "handlebars";
import { HELPERS } from "./helpers.js";
import { TEMPLATE_FOLDERS } from "./manifest.js";

/** templates/ at the package root. */
export const TEMPLATES_ROOT = packagePath("templates");

export interface Renderer {
  render(template: string, data: object): string;
  renderFile(templatePath: string, data: object): string;
}

export function createRenderer(root: string = TEMPLATES_ROOT): Renderer {
  const hbs = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) hbs.registerHelper(name, helper as Handlebars.HelperDelegate);
  for (const folder of Object.values(TEMPLATE_FOLDERS)) {
    const partialsDir = join(root, folder, "partials");
    let names: string[] = [];
    try {
      names = readdirSync(partialsDir).filter((n) => n.endsWith(".hbs"));
    } catch {
      continue; // a kind without partials
    }
    for (const file of names) {
      // "python-env/partials/runtime_selection.py.hbs" → partial "python-env/runtime_selection"
      hbs.registerPartial(`${folder}/${file.split(".")[0]}`, readFileSync(join(partialsDir, file), "utf8"));
    }
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const render = (template: string, data: object): string => {
    let fn = compiled.get(template);
    if (!fn) {
      fn = hbs.compile(template, { noEscape: true, strict: true });
      compiled.set(template, fn);
    }
    return fn(data);
  };
  return {
    render,
    renderFile(templatePath, data) {
      const file = join(root, templatePath);
      try {
        return render(readFileSync(file, "utf8"), data);
      } catch (error) {
        throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
