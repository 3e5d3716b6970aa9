import { ToneBadge } from '../ui/tone-badge.js';
import type { BadgeTone } from '../ui/palette.js';

const TONES: Record<'ok' | 'degraded' | 'unreachable' | 'authentication_failed' | 'unknown', BadgeTone> = {
  ok: 'ok', degraded: 'violet', unreachable: 'danger', authentication_failed: 'accent', unknown: 'neutral',
};

/** Text plus color, never color alone (axe: color is not the only carrier of meaning). */
export const HealthBadge = ({ status }: { status: keyof typeof TONES }) => <ToneBadge tone={TONES[status]}>{status}</ToneBadge>;
