import { createHash } from 'node:crypto';
import type { SheetSeller } from '@platform/sheets';

/** Hash of everything a row writes; equal hash means the stored copy is current and is not rewritten. */
export function contentHash(s: SheetSeller): string {
  const p = s.property;
  const extra = Object.keys(s.extra)
    .sort()
    .map((k) => [k, s.extra[k]]);
  const payload = [
    s.sellerNumber,
    s.name,
    s.inquiryDate,
    s.phone,
    s.email,
    s.address,
    s.status,
    s.notes,
    s.updatedAt?.toISOString() ?? null,
    extra,
    p ? [p.address, p.type, p.landArea, p.buildingArea, p.price] : null,
  ];
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

export function propertyHash(s: SheetSeller): string {
  const p = s.property!;
  return createHash('sha256').update(JSON.stringify([p.address, p.type, p.landArea, p.buildingArea, p.price])).digest('hex');
}
