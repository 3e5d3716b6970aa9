import type { Cell } from './cells.js';

// Data faults real sheets have: people insert blank rows, rename or copy header cells,
// and type text into date or number columns. Each returns a new row array.

/** Inserts a blank row before each given 0-based data index (after the header). */
export function withBlankRows(rows: Cell[][], beforeDataIndexes: number[]): Cell[][] {
  const out = [...rows];
  for (const i of [...beforeDataIndexes].sort((a, b) => b - a)) out.splice(Math.min(i + 1, out.length), 0, []);
  return out;
}

export function renameHeader(rows: Cell[][], from: string, to: string): Cell[][] {
  return [rows[0]!.map((h) => (h === from ? to : h)), ...rows.slice(1)];
}

/** Appends a second column whose header repeats `name` (an ambiguous mapping). */
export function duplicateHeader(rows: Cell[][], name: string): Cell[][] {
  return rows.map((r, i) => [...r, ...Array(Math.max(0, rows[0]!.length - r.length)).fill(null), i === 0 ? name : 'copy']);
}

export type BadCell = 'seller-number' | 'missing-name' | 'bad-date' | 'missing-date' | 'bad-price';

/** Overwrites one cell of a data row (1-based sheet row) with a value validation must reject. */
export function corruptCell(rows: Cell[][], sheetRow: number, kind: BadCell): void {
  const row = rows[sheetRow - 1]!;
  if (kind === 'seller-number') row[0] = `BB${sheetRow}`;
  if (kind === 'missing-name') row[1] = '  ';
  if (kind === 'bad-date') row[2] = '2024-13-45';
  if (kind === 'missing-date') row[2] = null;
  if (kind === 'bad-price') row[12] = '12 million';
}
