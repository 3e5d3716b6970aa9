import { formatA1, parseA1 } from '../a1.js';
import { A1RangeError } from '../errors.js';
import { isEmptyCell, renderCell, type Cell, type DateTimeRenderOption, type RenderedValue, type ValueRenderOption } from './cells.js';

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
  /** The spreadsheet's `properties.timeZone` (CLDR name or `GMT-07:00`); date-time serials are wall clock here. */
  timeZone: string;
  /** False: the caller is not among the people it is shared with, every call answers 403. */
  sharedWithCaller: boolean;
  sheets: SheetData[];
}

/** A Sheets `ValueRange` (majorDimension ROWS). `values` is absent when the range is empty, as in the real API. */
export interface ValueRange {
  range: string;
  majorDimension: 'ROWS';
  values?: RenderedValue[][];
}

/** 404 NOT_FOUND, worded as Google words it. */
export class UnknownSpreadsheetError extends Error {
  override readonly name = 'UnknownSpreadsheetError';
  constructor(readonly spreadsheetId: string) {
    super('Requested entity was not found.');
  }
}

/** 403 PERMISSION_DENIED: the spreadsheet exists but is not shared with the caller. */
export class NotSharedError extends Error {
  override readonly name = 'NotSharedError';
  constructor(readonly spreadsheetId: string) {
    super('The caller does not have permission');
  }
}

/** 400 INVALID_ARGUMENT: the range starts outside the grid (an end past it is clipped instead). */
export class GridLimitError extends Error {
  override readonly name = 'GridLimitError';
  constructor(a1: string, rowCount: number, columnCount: number) {
    super(`Range (${a1}) exceeds grid limits. Max rows: ${rowCount}, max columns: ${columnCount}`);
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
      book = { spreadsheetId, title: `Spreadsheet ${spreadsheetId}`, timeZone: 'Etc/UTC', sharedWithCaller: true, sheets: [] };
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
    if (!book.sharedWithCaller) throw new NotSharedError(spreadsheetId);
    return book;
  }

  /** Sets `properties.timeZone` (date-time serials are read as wall clock in it). */
  setTimeZone(spreadsheetId: string, timeZone: string): void {
    this.book(spreadsheetId).timeZone = timeZone;
  }

  /** Shares or un-shares the spreadsheet with the caller (403 PERMISSION_DENIED while not shared). */
  setShared(spreadsheetId: string, shared: boolean): void {
    const book = this.spreadsheets.get(spreadsheetId);
    if (!book) throw new UnknownSpreadsheetError(spreadsheetId);
    book.sharedWithCaller = shared;
  }

  sheet(spreadsheetId: string, title: string | null): SheetData {
    const book = this.book(spreadsheetId);
    const sheet = title === null ? book.sheets[0] : book.sheets.find((s) => s.title === title);
    if (!sheet) throw new A1RangeError(title ?? '', `no sheet named "${title}"`);
    return sheet;
  }

  /** `values.get` semantics: trailing empty cells and rows are trimmed, blank rows in between are `[]`. */
  read(spreadsheetId: string, a1: string, render: ValueRenderOption, dateTime: DateTimeRenderOption = 'SERIAL_NUMBER'): ValueRange {
    const range = parseA1(a1);
    this.book(spreadsheetId);
    let sheet: SheetData;
    try {
      sheet = this.sheet(spreadsheetId, range.sheet);
    } catch (err) {
      // Google names the whole range it could not resolve: `Unable to parse range: NOPE!A5:F15`.
      if (err instanceof A1RangeError) throw new A1RangeError(a1, err.reason);
      throw err;
    }
    if (range.startRow > sheet.rowCount || range.startCol > sheet.columnCount) {
      throw new GridLimitError(formatA1(sheet.title, range.startRow, range.endRow ?? range.startRow, range.startCol, range.endCol ?? range.startCol), sheet.rowCount, sheet.columnCount);
    }
    const endRow = Math.min(range.endRow ?? sheet.rowCount, sheet.rowCount);
    const endCol = Math.min(range.endCol ?? sheet.columnCount, sheet.columnCount);
    const values: RenderedValue[][] = [];
    for (let r = range.startRow; r <= endRow; r++) {
      const row = sheet.rows[r - 1] ?? [];
      const out: RenderedValue[] = [];
      for (let c = range.startCol; c <= Math.min(endCol, row.length); c++) out.push(renderCell(row[c - 1] ?? null, render, dateTime));
      while (out.length > 0 && isEmptyCell(out.at(-1)!)) out.pop();
      values.push(out);
    }
    while (values.length > 0 && values.at(-1)!.length === 0) values.pop();
    const result: ValueRange = {
      range: formatA1(sheet.title, range.startRow, endRow, range.startCol, endCol),
      majorDimension: 'ROWS',
    };
    if (values.length > 0) result.values = values;
    return result;
  }
}
