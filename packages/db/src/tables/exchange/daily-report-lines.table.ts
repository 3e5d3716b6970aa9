import type { Insertable, Selectable, Updateable } from 'kysely';

/** `exchange.daily_report_lines`: children of a daily report, replaced with it; `position` keeps their order. */
export interface DailyReportLineTable {
  uuid: string;
  report_uuid: string;
  position: number;
  description: string;
  quantity: number;
  done: boolean;
}
export type DailyReportLine = Selectable<DailyReportLineTable>;
export type NewDailyReportLine = Insertable<DailyReportLineTable>;
export type DailyReportLineUpdate = Updateable<DailyReportLineTable>;
