using System.Text.Json;

namespace CpAlerts.Tests.Shared;

/// <summary>
/// Whether a table's data cells can be read without its header row, checked in the browser (issue 30). On a phone the
/// emails and the team view stack their tables, one cell a line, and keep the header row for screen readers only; a cell
/// must then show its column's heading itself: a visible label element (class <c>cell-label</c>) or generated content
/// (<c>td::before { content: "…" }</c> or <c>attr(…)</c>). On a wide screen the header row shows and the cells' own labels
/// do not. A row of a table without a header row must keep its row heading (a <c>th</c>) in sight. A table that is not
/// stacked on a phone (the scorecard's month-by-month tables) labels its cells by its header row, when that row is in
/// sight and each cell sits under its column's heading. A table the page does not show at a width (the phone's table on
/// a desktop, a closed <c>details</c>) is counted but has nothing to read.
/// </summary>
internal static class StackedTableLabels
{
    /// <summary>
    /// A JavaScript function of (document, phone): every table's cells and what is wrong with them, as an object that
    /// <see cref="Parse"/> reads once it is JSON.stringify'd.
    /// </summary>
    public const string Script = """
        (doc, phone) => {
          const win = doc.defaultView;
          const norm = s => (s || '').replace(/\s+/g, ' ').trim();
          const words = s => norm(s).replace(/\s*:$/, '');
          const shown = el => {
            const style = win.getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 1 && box.height > 1;
          };
          const generated = cell => {
            const before = win.getComputedStyle(cell, '::before');
            const content = before.content;
            if (!content || content === 'none' || content === 'normal' || before.display === 'none') return '';
            const attr = content.match(/^attr\(([\w-]+)\)$/);
            return attr ? (cell.getAttribute(attr[1]) || '') : content.replace(/^"(.*)"$/, '$1');
          };
          // A heading labels a cell of its column when both are in sight, the heading above the cell and across it.
          const above = (th, cell) => {
            const h = th.getBoundingClientRect(), c = cell.getBoundingClientRect();
            return h.bottom <= c.top + 1 && h.left < c.right && c.left < h.right;
          };
          const result = { tables: 0, cells: 0, rowHeaded: 0, problems: [] };
          doc.querySelectorAll('table').forEach((table, t) => {
            const name = `table ${t + 1}` + (table.caption ? ` ("${norm(table.caption.textContent)}")` : '');
            const head = table.tHead && table.tHead.rows[0];
            if (head) result.tables++;
            if (!shown(table)) return;
            if (head && !phone && !shown(head)) result.problems.push(`${name}: the header row is not shown`);
            const headings = [], headingCells = [];
            if (head) for (const th of head.cells) for (let i = 0; i < th.colSpan; i++) { headings.push(norm(th.textContent)); headingCells.push(th); }
            const headInSight = head && shown(head);
            for (const body of table.tBodies) [...body.rows].forEach((row, r) => {
              let column = 0;
              const rowHeading = [...row.cells].find(c => c.tagName === 'TH');
              for (const cell of row.cells) {
                const at = column;
                column += cell.colSpan;
                if (cell.tagName !== 'TD') continue;
                const bare = cell.cloneNode(true);
                bare.querySelectorAll('.cell-label').forEach(l => l.remove());
                const text = norm(bare.textContent);
                if (!text) continue;
                const where = `${name}, row ${r + 1}, the cell "${text.slice(0, 40)}"`;
                if (!head) {
                  result.rowHeaded++;
                  if (!rowHeading || !shown(rowHeading)) result.problems.push(`${where} has no header row and no row heading in sight`);
                  continue;
                }
                result.cells++;
                const heading = headings[at] || '';
                const label = words(generated(cell) + [...cell.querySelectorAll('.cell-label')].filter(shown).map(l => l.textContent).join(' '));
                const underHeading = headInSight && headingCells[at] && shown(headingCells[at]) && above(headingCells[at], cell);
                if (phone && !label && underHeading) { /* labelled by its header row, in sight above it */ }
                else if (phone && !label) result.problems.push(`${where} under "${heading}" shows no label`);
                else if (phone && label !== heading) result.problems.push(`${where} under "${heading}" is labelled "${label}"`);
                else if (!phone && label) result.problems.push(`${where} under "${heading}" shows its own label "${label}" beside the header row`);
                if (!heading) result.problems.push(`${where}: its column has no heading`);
              }
            });
          });
          return result;
        }
        """;

    /// <summary>What <see cref="Script"/> found: tables with a header row, their data cells, cells of row-headed tables, and what is wrong.</summary>
    public sealed record Report(int Tables, int Cells, int RowHeaded, string[] Problems);

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static Report Parse(string json) => JsonSerializer.Deserialize<Report>(json, Options) ?? throw new InvalidOperationException("no report from the page");
}
