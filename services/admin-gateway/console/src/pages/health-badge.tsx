import { Badge } from '@mantine/core';

const COLORS = { ok: 'green', degraded: 'yellow', unreachable: 'red', unknown: 'gray' } as const;

/** Text plus color, never color alone (axe: color is not the only carrier of meaning). */
export const HealthBadge = ({ status }: { status: keyof typeof COLORS }) => <Badge color={COLORS[status]} variant="light">{status}</Badge>;
