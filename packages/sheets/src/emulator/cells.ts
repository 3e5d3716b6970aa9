import { dateToSerial, formatSerialDateTime, serialToDate } from '../serial-time.js';

export { dateToSerial, serialToDate };

/**
 * One cell as the emulator stores it. Dates and date-times are Sheets serial numbers (days since
 * 1899-12-30, fractional for a time of day) with a number format, like a real sheet:
 * FORMATTED_VALUE shows `2024-03-05` / `2024-03-05 14:41:03`, UNFORMATTED_VALUE gives `45356` /
 * `45356.61184` (or the formatted string when `dateTimeRenderOption=FORMATTED_STRING`).
 */
export type Cell =
  | string
  | number
  | boolean
  | null
  | { serial: number; format: 'date' | 'datetime' }
  | { amount: number; format: 'grouped' };

export type ValueRenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE';
export type DateTimeRenderOption = 'SERIAL_NUMBER' | 'FORMATTED_STRING';
export type RenderedValue = string | number | boolean;

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** The value Sheets would send for this cell, or `''` for an empty cell. */
export function renderCell(cell: Cell, option: ValueRenderOption, dateTime: DateTimeRenderOption = 'SERIAL_NUMBER'): RenderedValue {
  if (cell === null) return '';
  if (typeof cell !== 'object') {
    if (option === 'UNFORMATTED_VALUE') return cell;
    if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
    return String(cell);
  }
  if ('serial' in cell) {
    // dateTimeRenderOption only matters under UNFORMATTED_VALUE (Google ignores it otherwise).
    if (option === 'UNFORMATTED_VALUE' && dateTime === 'SERIAL_NUMBER') return cell.serial;
    return cell.format === 'date' ? serialToDate(cell.serial) : formatSerialDateTime(cell.serial);
  }
  return option === 'UNFORMATTED_VALUE' ? cell.amount : grouped.format(cell.amount);
}

export function isEmptyCell(value: RenderedValue): boolean {
  return value === '';
}
