/**
 * One cell as the emulator stores it. Dates are Sheets serial numbers (days since
 * 1899-12-30) with a date format, like a real sheet: FORMATTED_VALUE shows
 * `2024-03-05`, UNFORMATTED_VALUE gives `45356`.
 */
export type Cell = string | number | boolean | null | { serial: number; format: 'date' } | { amount: number; format: 'grouped' };

export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE';
export type RenderedValue = string | number | boolean;

const EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** `2024-03-05` -> 45356 (a Sheets date serial). */
export function dateToSerial(isoDate: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - EPOCH_MS) / DAY_MS);
}

/** 45356 -> `2024-03-05`. */
export function serialToDate(serial: number): string {
  return new Date(EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** The value Sheets would send for this cell, or `''` for an empty cell. */
export function renderCell(cell: Cell, option: ValueRenderOption): RenderedValue {
  if (cell === null) return '';
  if (typeof cell !== 'object') {
    if (option === 'UNFORMATTED_VALUE') return cell;
    if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
    return String(cell);
  }
  if ('serial' in cell) return option === 'UNFORMATTED_VALUE' ? cell.serial : serialToDate(cell.serial);
  return option === 'UNFORMATTED_VALUE' ? cell.amount : grouped.format(cell.amount);
}

export function isEmptyCell(value: RenderedValue): boolean {
  return value === '';
}
