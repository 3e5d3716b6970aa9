import { Badge } from '@mantine/core';

const COLORS = { ok: 'green.9', degraded: 'violet.9', unreachable: 'red.9', authentication_failed: 'grape.9', unknown: 'gray.8' } as const;

/** Text plus color, never color alone (axe: color is not the only carrier of meaning). */
export const HealthBadge = ({ status }: { status: keyof typeof COLORS }) => <Badge color={COLORS[status]} variant="filled">{status}</Badge>;
