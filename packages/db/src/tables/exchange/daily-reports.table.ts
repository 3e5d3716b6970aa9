import type { Insertable, Selectable, Updateable } from 'kysely';
import type { CalendarDate } from '../column-types.js';

/** `exchange.daily_reports`: seed 003's hierarchical example entity (lines in `daily_report_lines`). */
export interface DailyReportTable {
  uuid: string;
  date: CalendarDate;
  brigade_id: string;
  notes: string | null;
  updated_at: Date;
  is_deleted: boolean;
  origin_node_id: string;
}
export type DailyReport = Selectable<DailyReportTable>;
export type NewDailyReport = Insertable<DailyReportTable>;
export type DailyReportUpdate = Updateable<DailyReportTable>;
