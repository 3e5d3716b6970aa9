import { formatA1, parseA1, quoteSheet } from '../a1.js';
import { A1RangeError } from '../errors.js';
import { isEmptyCell, renderCell, type Cell, type RenderedValue, type ValueRenderOption } from './cells.js';

export interface SheetData {
  sheetId: number;
  title: string;
  /** Row-major cells; `rows[0]` is sheet row 1. Rows may be shorter than the grid. */
  rows: Cell[][];
  /** Grid size, as `gridProperties` reports it; reads past the data return nothing. */
  rowCount: number;
  columnCount: number;
}

export interface SpreadsheetData {
  spreadsheetId: string;
  title: string;
  sheets: SheetData[];
}

/** A Sheets `ValueRange` (majorDimension ROWS). `values` is absent when the range is empty, as in the real API. */
export interface ValueRange {
  range: string;
  majorDimension: 'ROWS';
  values?: RenderedValue[][];
}

export class UnknownSpreadsheetError extends Error {
  override readonly name = 'UnknownSpreadsheetError';
  constructor(readonly spreadsheetId: string) {
    super(`Requested entity was not found: spreadsheet ${spreadsheetId}`);
  }
}

/** In-memory spreadsheets behind the emulator. Tests mutate `sheet.rows` directly between syncs. */
export class SpreadsheetStore {
  readonly spreadsheets = new Map<string, SpreadsheetData>();

  /**
   * Creates or replaces one sheet. The grid keeps 100 blank rows after the data, like a
   * sheet people type into, so readers must not treat the end of data as the end of the grid.
   */
  putSheet(spreadsheetId: string, title: string, rows: Cell[][], grid?: { rowCount?: number; columnCount?: number }): SheetData {
    let book = this.spreadsheets.get(spreadsheetId);
    if (!book) {
      book = { spreadsheetId, title: `Spreadsheet ${spreadsheetId}`, sheets: [] };
      this.spreadsheets.set(spreadsheetId, book);
    }
    const widest = rows.reduce((w, r) => Math.max(w, r.length), 0);
    const sheet: SheetData = {
      sheetId: book.sheets.find((s) => s.title === title)?.sheetId ?? book.sheets.length,
      title,
      rows,
      rowCount: Math.max(grid?.rowCount ?? rows.length + 100, rows.length),
      columnCount: Math.max(grid?.columnCount ?? 26, widest),
    };
    book.sheets = [...book.sheets.filter((s) => s.title !== title), sheet].sort((a, b) => a.sheetId - b.sheetId);
    return sheet;
  }

  book(spreadsheetId: string): SpreadsheetData {
    const book = this.spreadsheets.get(spreadsheetId);
    if (!book) throw new UnknownSpreadsheetError(spreadsheetId);
    return book;
  }

  sheet(spreadsheetId: string, title: string | null): SheetData {
    const book = this.book(spreadsheetId);
    const sheet = title === null ? book.sheets[0] : book.sheets.find((s) => s.title === title);
    if (!sheet) throw new A1RangeError(title ?? '', `no sheet named "${title}"`);
    return sheet;
  }

  /** `values.get` semantics: trailing empty cells and rows are trimmed, blank rows in between are `[]`. */
  read(spreadsheetId: string, a1: string, render: ValueRenderOption): ValueRange {
    const range = parseA1(a1);
    const sheet = this.sheet(spreadsheetId, range.sheet);
    const endRow = Math.min(range.endRow ?? sheet.rowCount, sheet.rowCount);
    const endCol = Math.min(range.endCol ?? sheet.columnCount, sheet.columnCount);
    const values: RenderedValue[][] = [];
    for (let r = range.startRow; r <= endRow; r++) {
      const row = sheet.rows[r - 1] ?? [];
      const out: RenderedValue[] = [];
      for (let c = range.startCol; c <= Math.min(endCol, row.length); c++) out.push(renderCell(row[c - 1] ?? null, render));
      while (out.length > 0 && isEmptyCell(out.at(-1)!)) out.pop();
      values.push(out);
    }
    while (values.length > 0 && values.at(-1)!.length === 0) values.pop();
    const result: ValueRange = {
      range: range.startRow > endRow ? `${quoteSheet(sheet.title)}!A1` : formatA1(sheet.title, range.startRow, endRow, range.startCol, endCol),
      majorDimension: 'ROWS',
    };
    if (values.length > 0) result.values = values;
    return result;
  }
}
