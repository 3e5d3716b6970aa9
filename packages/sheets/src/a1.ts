import { A1RangeError } from './errors.js';

/** A resolved rectangle on one sheet; rows and columns are 1-based and inclusive. */
export interface GridRange {
  sheet: string | null;
  startRow: number;
  endRow: number | null;
  startCol: number;
  endCol: number | null;
}

/** `A` -> 1, `Z` -> 26, `AA` -> 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1 -> `A`, 27 -> `AA`. */
export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Quotes a sheet title the way Sheets does when it is not a bare word. */
export function quoteSheet(title: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(title) ? title : `'${title.replaceAll("'", "''")}'`;
}

const CELL = /^([A-Za-z]{0,3})(\d*)$/;

function parseCell(ref: string, whole: string): { col: number | null; row: number | null } {
  const m = CELL.exec(ref);
  if (!m || (m[1] === '' && m[2] === '')) throw new A1RangeError(whole, `"${ref}" is not a cell, column or row reference`);
  const row = m[2] === '' ? null : Number(m[2]);
  if (row === 0) throw new A1RangeError(whole, 'rows start at 1');
  return { col: m[1] === '' ? null : columnNumber(m[1]!), row };
}

/**
 * Parses Sheets A1 notation: `Sheet1!A2:Z`, `'My sheet'!B:C`, `A1:C10`, `2:5`, `Sheet1`.
 * Open ends are `null` and mean "to the last row/column of the grid".
 *
 * @example
 * parseA1('Sellers!A2:Z') // { sheet: 'Sellers', startRow: 2, endRow: null, startCol: 1, endCol: 26 }
 */
export function parseA1(input: string): GridRange {
  let sheet: string | null = null;
  let rest = input.trim();
  if (rest.startsWith("'")) {
    const close = /^'((?:[^']|'')*)'(?:!|$)/.exec(rest);
    if (!close) throw new A1RangeError(input, 'unterminated quoted sheet name');
    sheet = close[1]!.replaceAll("''", "'");
    rest = rest.slice(close[0].length);
  } else if (rest.includes('!')) {
    const at = rest.lastIndexOf('!');
    sheet = rest.slice(0, at);
    rest = rest.slice(at + 1);
  } else if (!/^[A-Za-z]{0,3}\d*(:[A-Za-z]{0,3}\d*)?$/.test(rest) || rest === '') {
    // No `!` and not a cell reference: the whole input names a sheet.
    return { sheet: rest, startRow: 1, endRow: null, startCol: 1, endCol: null };
  }
  if (rest === '') return { sheet, startRow: 1, endRow: null, startCol: 1, endCol: null };
  const [from, to, extra] = rest.split(':');
  if (extra !== undefined) throw new A1RangeError(input, 'more than one ":"');
  const a = parseCell(from!, input);
  const b = to === undefined ? a : parseCell(to, input);
  // `A2:Z` has no end row, `2:5` no columns; a lone `B3` is one cell.
  const range: GridRange = {
    sheet,
    startRow: a.row ?? 1,
    endRow: to === undefined ? a.row : b.row,
    startCol: a.col ?? 1,
    endCol: to === undefined ? a.col : b.col,
  };
  if (range.endRow !== null && range.endRow < range.startRow) throw new A1RangeError(input, 'end row is before start row');
  if (range.endCol !== null && range.endCol < range.startCol) throw new A1RangeError(input, 'end column is before start column');
  return range;
}

/** Formats a closed range as A1, e.g. `Sellers!A2:N5001`. */
export function formatA1(sheet: string, startRow: number, endRow: number, startCol: number, endCol: number): string {
  return `${quoteSheet(sheet)}!${columnLetters(startCol)}${startRow}:${columnLetters(endCol)}${endRow}`;
}
