import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Staff } from '@platform/db';
import { unprocessable } from '../errors.js';
import { cardNumber, employeeCode, fullName } from './staff-fields.js';

/** Columns of an import file; `employee_code` is the key that decides create versus update. */
export const IMPORT_COLUMNS = ['employee_code', 'full_name', 'card_number', 'active'] as const;
const REQUIRED = ['employee_code', 'full_name'] as const;
export const MAX_IMPORT_ROWS = 10_000;

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', 'yes', 'no', '1', '0'].includes(v), 'must be true/false, yes/no or 1/0')
  .transform((v) => ['true', 'yes', '1'].includes(v));

const rowSchema = z.object({
  employee_code: employeeCode,
  full_name: fullName,
  // Empty cell: no card. Absent column: keep the stored card.
  card_number: z.union([z.literal('').transform(() => null), cardNumber]).optional(),
  active: z.union([z.literal('').transform(() => undefined), flag]).optional(),
});

export interface ImportRowIssue {
  field: string;
  message: string;
}

export type ImportRowPlan =
  | { line: number; employeeCode: string; action: 'create'; values: StaffValues }
  | { line: number; employeeCode: string; action: 'update'; staffId: number; values: StaffValues; changed: string[] }
  | { line: number; employeeCode: string; action: 'unchanged'; staffId: number }
  | { line: number; employeeCode: string; action: 'refuse'; errors: ImportRowIssue[] };

export interface StaffValues {
  full_name: string;
  employee_code: string;
  card_number: string | null;
  active: boolean;
}

export interface ParsedRow {
  line: number;
  cells: Record<string, string>;
}

/** Parses the file; a file whose header is wrong is refused as a whole (422), since no row can be read right. */
export function parseStaffCsv(csv: string): ParsedRow[] {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false });
  } catch (error) {
    throw unprocessable(`the CSV cannot be read: ${(error as Error).message}`, [{ path: 'body.csv', message: (error as Error).message }]);
  }
  const [header, ...rows] = records;
  if (!header) throw unprocessable('the CSV is empty; the first line must name the columns', [{ path: 'body.csv', message: `expected a header with ${REQUIRED.join(', ')}` }]);
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  const dup = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (unknown.length || missing.length || dup.length) {
    const problems = [
      ...missing.map((c) => `missing column ${c}`),
      ...unknown.map((c) => `unknown column ${c || '(empty)'}`),
      ...dup.map((c) => `column ${c} appears twice`),
    ];
    throw unprocessable(`the CSV header is wrong: ${problems.join('; ')}; the columns are ${IMPORT_COLUMNS.join(', ')}`, problems.map((message) => ({ path: 'body.csv', message })));
  }
  if (rows.length > MAX_IMPORT_ROWS) throw unprocessable(`the CSV has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`, [{ path: 'body.csv', message: 'too many rows' }]);
  // Line numbers as an editor shows them: the header is line 1.
  return rows.map((cells, i) => ({ line: i + 2, cells: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ''])) }));
}

/**
 * What each row would do against the staff rows that exist now. Pure: the
 * dry run and the real run call it alike, the real run with the rows locked.
 */
export function planStaffImport(rows: readonly ParsedRow[], existing: ReadonlyMap<string, Staff>): ImportRowPlan[] {
  const seen = new Map<string, number>();
  return rows.map(({ line, cells }) => {
    const rawCode = (cells['employee_code'] ?? '').trim();
    const parsed = rowSchema.safeParse(cells);
    if (!parsed.success) {
      return { line, employeeCode: rawCode, action: 'refuse', errors: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'row'), message: i.message })) };
    }
    const r = parsed.data;
    const first = seen.get(r.employee_code);
    if (first !== undefined) return { line, employeeCode: r.employee_code, action: 'refuse', errors: [{ field: 'employee_code', message: `duplicate of line ${first}; each employee appears once per file` }] };
    seen.set(r.employee_code, line);
    const current = existing.get(r.employee_code);
    const values: StaffValues = {
      employee_code: r.employee_code,
      full_name: r.full_name,
      card_number: r.card_number === undefined ? (current?.card_number ?? null) : r.card_number,
      active: r.active ?? current?.active ?? true,
    };
    if (!current) return { line, employeeCode: r.employee_code, action: 'create', values };
    const changed = (['full_name', 'card_number', 'active'] as const).filter((k) => current[k] !== values[k]);
    if (changed.length === 0) return { line, employeeCode: r.employee_code, action: 'unchanged', staffId: current.id };
    return { line, employeeCode: r.employee_code, action: 'update', staffId: current.id, values, changed };
  });
}
