// Jupyter notebooks are never edited (a cell's source lives in JSON beside outputs it would make stale), but the
// containers they create are not passed over in silence (intercode's notebooks/docker.ipynb): the code cells are read
// as one Python file by the Python frontend, IPython's shell lines (`!docker run ...`, a `%%bash` cell) by docker's
// command patterns, and a notebook that creates containers without the runtime is listed as skipped, by cell and line.
import { basename, sep } from "node:path";
import { languageById, loadLanguage } from "../languages/registry.js";
import { isRuntimeFlagText, SHELL_CREATE_COMMAND } from "../model/docker-cli.js";
import type { CodemodOptions, SourceFile } from "../model/types.js";
import { isTestCode } from "../plan/file-policy.js";
import { leftAloneSample, type SampleSite } from "../plan/sample-code.js";
import { relativeInside } from "./paths.js";
import type { FileStatus } from "./report-types.js";
import { loadSource } from "./source-file-io.js";

export interface NotebookCode {
  /** The code cells' Python, IPython-only lines replaced by `pass` so every line keeps its number. */
  python: string;
  /** For each line of `python` (0-based), its cell (1-based, as the notebook numbers all its cells) and line there. */
  origin: { cell: number; line: number }[];
  /** Shell commands that create a container without a runtime, where they are. */
  shellCreates: { cell: number; line: number; command: string }[];
}

const SHELL_CELL = /^%%(?:bash|sh|script\s+(?:ba)?sh)\b/;
/** A cell magic that makes the whole cell another language (`%%html`, `%%sql`, `%%javascript`). */
const CELL_MAGIC = /^%%/;
/** `!cmd`, or `files = !ls`: IPython runs the rest of the line in a shell. */
const SHELL_LINE = /^(?:[\w.]+\s*=\s*)?!(.*)$/;

interface Cell {
  cell_type?: unknown;
  source?: unknown;
  /** nbformat 3's name for a code cell's source. */
  input?: unknown;
}

/** The notebook's code, or null when the text is not a Jupyter notebook (JSON with cells, or nbformat 3's worksheets). */
export function notebookCode(text: string): NotebookCode | null {
  let notebook: unknown;
  try {
    notebook = JSON.parse(text);
  } catch {
    return null;
  }
  const nb = notebook as { cells?: unknown; worksheets?: unknown } | null;
  const cells: unknown = Array.isArray(nb?.cells) ? nb.cells : Array.isArray(nb?.worksheets) ? nb.worksheets.flatMap((w: { cells?: unknown } | null) => (Array.isArray(w?.cells) ? w.cells : [])) : null;
  if (!Array.isArray(cells)) return null;
  const python: string[] = [];
  const origin: NotebookCode["origin"] = [];
  const shellCreates: NotebookCode["shellCreates"] = [];
  cells.forEach((cell: Cell | null, index) => {
    if (cell?.cell_type !== "code") return;
    const raw = cell.source ?? cell.input;
    const source = Array.isArray(raw) ? raw.filter((s) => typeof s === "string").join("") : typeof raw === "string" ? raw : "";
    const lines = source.split(/\r?\n/);
    const head = lines[0]?.trim() ?? "";
    const shellCell = SHELL_CELL.test(head);
    const otherLanguage = !shellCell && CELL_MAGIC.test(head);
    // A shell command continued with `\` is read whole, from the line it starts on.
    let continued: { at: { cell: number; line: number }; command: string } | null = null;
    lines.forEach((line, i) => {
      const at = { cell: index + 1, line: i + 1 };
      const code = line.trimStart();
      const indent = line.slice(0, line.length - code.length);
      const shell = continued ? code : shellCell && i > 0 ? code : (SHELL_LINE.exec(code)?.[1] ?? null);
      if (shell !== null) {
        const command = continued ? `${continued.command} ${shell}` : shell;
        const start = continued?.at ?? at;
        continued = command.endsWith("\\") ? { at: start, command: command.slice(0, -1) } : null;
        if (!continued && SHELL_CREATE_COMMAND.test(command) && !command.split(/\s+/).some(isRuntimeFlagText)) shellCreates.push({ ...start, command: command.trim() });
      }
      // IPython's own lines are not Python: `pass` keeps an indented block a block; another language's cell is blank.
      const ipython = shell !== null || code.startsWith("%") || code.startsWith("?") || code.endsWith("?");
      python.push(otherLanguage ? "" : ipython ? (code ? `${indent}pass` : "") : line);
      origin.push(at);
    });
  });
  return { python: python.join("\n") + "\n", origin, shellCreates };
}

/** Notebooks are up to this size: their outputs (images, tables) make them far larger than code. */
const MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024;

/** Each notebook read: "unchanged", or "skipped" with the cells and lines that create containers without the runtime. */
export async function reportNotebooks(paths: string[], roots: string[], options: CodemodOptions, setStatus: (path: string, status: FileStatus, reason?: string) => void): Promise<void> {
  const files: { code: NotebookCode; source: SourceFile }[] = [];
  for (const path of paths) {
    // A test's notebook says nothing, as a test does (file-policy.ts); its folders count from the root walked.
    const rel = roots.map((root) => relativeInside(root, path)).filter((r): r is string => r !== null).sort((a, b) => a.length - b.length)[0];
    if (isTestCode({ rel: (rel ?? basename(path)).split(sep).join("/"), text: "" })) continue;
    const loaded = loadSource(path, MAX_NOTEBOOK_BYTES);
    if (!loaded.ok) {
      setStatus(path, "skipped", loaded.reason);
      continue;
    }
    const code = notebookCode(loaded.source.text);
    if (!code) {
      setStatus(path, "skipped", "not a Jupyter notebook (JSON with cells)");
      continue;
    }
    setStatus(path, "unchanged");
    // Its own module name, which no import of the notebook's code can mean (a notebook called docker.ipynb).
    files.push({ code, source: { path, rel: "__crunify_notebook__.py", text: code.python } });
  }
  // A tree without notebooks loads nothing more.
  if (files.length === 0) return;
  const python = await loadLanguage(languageById("python"));
  const reading = files.filter((f) => python.mightMatter(f.source.text));
  // Only a report: a rule's bug there must not take the run down.
  const found = reading.length > 0 && python.unwiredSites ? await python.unwiredSites(reading.map((f) => f.source), options).catch(() => new Map()) : new Map();
  for (const { code, source } of files) {
    const sites: SampleSite[] = (found.get(source) ?? []).map((site: { line: number; label: string }) => {
      const at = code.origin[site.line - 1];
      return { ...site, ...(at ? { where: `cell ${at.cell}, line ${at.line}` } : {}) };
    });
    for (const shell of code.shellCreates) sites.push({ line: code.origin.findIndex((o) => o.cell === shell.cell && o.line === shell.line) + 1, label: `\`${shell.command.split(/\s+/).slice(0, 3).join(" ")} …\``, where: `cell ${shell.cell}, line ${shell.line}` });
    if (sites.length > 0) setStatus(source.path, "skipped", leftAloneSample(source, sites, "a Jupyter notebook").reason);
  }
}
