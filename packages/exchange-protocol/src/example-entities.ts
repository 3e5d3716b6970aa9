import { EntityRegistry, type EntityTypeDef } from './entity-registry.js';

/** The spec's example: a brigade that daily reports point at. */
export const brigadeType: EntityTypeDef = {
  type: 'Brigade',
  table: 'exchange.brigades',
  fields: {
    name: { kind: 'text', maxLength: 200 },
    foreman: { kind: 'text', maxLength: 200, nullable: true },
  },
  // A brigade's roster is edited on desktops in the field; the latest edit is the truth.
  conflictPolicy: 'latest_timestamp',
};

/** The spec's example: a daily report with its lines, pointing at a brigade. */
export const dailyReportType: EntityTypeDef = {
  type: 'DailyReport',
  table: 'exchange.daily_reports',
  fields: {
    date: { kind: 'date' },
    brigade_id: { kind: 'uuid', references: 'Brigade' },
    notes: { kind: 'text', maxLength: 2000, nullable: true },
  },
  children: {
    lines: {
      table: 'exchange.daily_report_lines',
      parentField: 'report_uuid',
      fields: {
        description: { kind: 'text', maxLength: 500 },
        quantity: { kind: 'integer' },
        done: { kind: 'boolean' },
      },
    },
  },
  conflictPolicy: 'server_wins',
};

/**
 * A registry holding the spec's example entities.
 *
 * @example
 * const registry = exampleRegistry();
 */
export function exampleRegistry(): EntityRegistry {
  return new EntityRegistry().register(brigadeType).register(dailyReportType);
}
