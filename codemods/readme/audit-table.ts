import { escapeCell } from "./table-cells.js";
import type { AuditRow } from "./types.js";

const SUPPORT_LABEL: Record<AuditRow["support"], string> = { yes: "Yes", no: "No", none: "None" };

/** The "Environments with crun Support" table of the crun guide (Environment | crun Support | Reason),
 *  one row per environment, lines joined by "\n", ending with "\n". */
export function auditTable(rows: AuditRow[]): string {
  const lines = [
    "| Environment | crun Support | Reason |",
    "|-------------|--------------|--------|",
    ...rows.map((row) => `| ${escapeCell(row.name)} | ${SUPPORT_LABEL[row.support]} | ${escapeCell(row.reason)} |`),
  ];
  return lines.join("\n") + "\n";
}
