import { alertRoutes } from './alerts.routes.js';
import { auditLogRoutes } from './audit-log.routes.js';
import { authRoutes } from './auth.routes.js';
import { backupRoutes } from './backups.routes.js';
import { bufferRoutes } from './buffer.routes.js';
import { conflictRoutes } from './conflicts.routes.js';
import { deviceAdminRoutes } from './device-admin.routes.js';
import { deviceRoutes } from './devices.routes.js';
import { exchangeRoutes } from './exchange.routes.js';
import { jobRoutes } from './jobs.routes.js';
import { meterSyncRoutes } from './meter-sync.routes.js';
import { monitoringRoutes } from './monitoring.routes.js';
import type { RouteGroup } from './route-group.js';
import { sellerSyncRoutes } from './seller-sync.routes.js';
import { staffRoutes } from './staff.routes.js';

/** Every route group of the API. A new group: one `*.routes.ts` file and one line here. */
export const routeGroups: readonly RouteGroup[] = [
  authRoutes,
  deviceRoutes,
  deviceAdminRoutes,
  staffRoutes,
  bufferRoutes,
  conflictRoutes,
  backupRoutes,
  monitoringRoutes,
  auditLogRoutes,
  meterSyncRoutes,
  sellerSyncRoutes,
  alertRoutes,
  exchangeRoutes,
  jobRoutes,
];
