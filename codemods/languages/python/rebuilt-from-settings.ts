// A class method that rebuilds an object from saved settings (`_from_config(cls, config)`, `from_dict`, `from_json`):
// whoever loads them (a component framework, a YAML loader) passes the settings only, so a runtime parameter there is
// never set and every save-and-load turns a chosen `runc` back into the default. The runtime belongs in the settings;
// a human adds it there and in the method that writes them. A method that hands the settings on whole
// (`cls(**config.model_dump())`) keeps whatever runtime they hold, and is threaded as any caller.
import type { Node } from "web-tree-sitter";
import { classOfMethod, decoratorNames, dictSplats, enclosingFunctions, namedChildren } from "./syntax.js";
import { defName } from "./scope.js";

const REBUILDS = /^_?(?:from|load)_(?:config|dict|json|yaml|toml|state|spec|settings|component)$/;

/** Why `call` cannot pass a runtime on (it sits in such a method), or null. */
export function rebuiltFromSettings(call: Node): string | null {
  const fn = enclosingFunctions(call)[0];
  if (!fn || !REBUILDS.test(defName(fn))) return null;
  const decorators = decoratorNames(fn);
  if (!decorators.includes("classmethod") && !decorators.includes("staticmethod")) return null;
  const settings = namedChildren(fn.childForFieldName("parameters")).filter((p) => !/^(cls|self)$/.test(p.text))[0];
  const settingsName = settings?.text.split(/[:=]/)[0]!.trim();
  // `cls(**config.model_dump())` hands the settings on whole: once they hold a runtime (a config model crunify gives
  // the field), it survives the round trip, so the thread may go on.
  const whole = (text: string) => !!settingsName && text.split(/[^\w]+/).includes(settingsName);
  if (dictSplats(call).some((splat) => whole(splat.text))) return null;
  const callee = call.childForFieldName("function")?.text ?? "";
  const cls = classOfMethod(fn);
  const built = callee === "cls" && cls ? defName(cls) : callee;
  const named = settingsName ? ` (\`${settingsName}\`)` : "";
  return `${defName(fn)}() rebuilds ${built} from saved settings${named}, which carry no runtime: a parameter here would be lost on every save and load; add the runtime to those settings, write it where they are made and pass it here`;
}
