// Renders a GitHub-flavoured markdown table. Cells are escaped so a `|` in a reason cannot break the table.

export interface Table {
    /** Printed in bold above the table when a section has several. */
    caption?: string;
    headers: readonly string[];
    rows: readonly (readonly string[])[];
}

export function renderTable(table: Table): string {
    for (const row of table.rows) {
        if (row.length !== table.headers.length) {
            throw new Error(`a table row has ${row.length} cells but the table has ${table.headers.length} columns`);
        }
    }
    const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(" | ")} |`;
    return [line(table.headers), line(table.headers.map(() => "---")), ...table.rows.map(line)].join("\n");
}

function escapeCell(cell: string): string {
    return cell.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
