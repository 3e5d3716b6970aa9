import type { DeviceUser, FingerTemplate } from '@platform/zk';
import type { RestorePlan } from './plan.js';

/** One user's fingers that a restore writes: missing on the device or different there. */
export interface TemplateChange {
  userId: string;
  /** The slot the user has (or gets) on the device; `templates` carry it. */
  uid: number;
  fingers: number[];
  templates: FingerTemplate[];
}

const same = (a: FingerTemplate, b: FingerTemplate | undefined) => b !== undefined && a.flag === b.flag && a.template.equals(b.template);

/**
 * Template differences for every user the user plan restores or leaves
 * unchanged (skipped users are not touched at all). Fingers only on the device
 * stay: like users, a restore never deletes.
 */
export function planTemplateRestore(
  plan: RestorePlan,
  backupTemplates: readonly FingerTemplate[],
  deviceUsers: readonly DeviceUser[],
  deviceTemplates: readonly FingerTemplate[],
  backupUsers: readonly DeviceUser[],
): TemplateChange[] {
  const byUid = (ts: readonly FingerTemplate[]) => {
    const m = new Map<number, Map<number, FingerTemplate>>();
    for (const t of ts) m.set(t.uid, (m.get(t.uid) ?? new Map()).set(t.finger, t));
    return m;
  };
  const backupFingers = byUid(backupTemplates);
  const deviceFingers = byUid(deviceTemplates);
  const skipped = new Set(plan.skipped.map((s) => s.user.userId));
  const added = new Set(plan.add.map((u) => u.userId));
  const slotOnDevice = new Map(deviceUsers.map((u) => [u.userId, u.uid]));
  const changes: TemplateChange[] = [];
  for (const user of backupUsers) {
    if (skipped.has(user.userId)) continue;
    const wanted = [...(backupFingers.get(user.uid)?.values() ?? [])];
    if (wanted.length === 0) continue;
    // An added user goes into its backed-up slot; a present one keeps its slot.
    const uid = added.has(user.userId) ? user.uid : slotOnDevice.get(user.userId);
    if (uid === undefined) continue;
    const current = added.has(user.userId) ? undefined : deviceFingers.get(uid);
    const differing = wanted.filter((t) => !same(t, current?.get(t.finger)));
    if (differing.length === 0) continue;
    changes.push({ userId: user.userId, uid, fingers: differing.map((t) => t.finger), templates: differing.map((t) => ({ ...t, uid })) });
  }
  return changes;
}
