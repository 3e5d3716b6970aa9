import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { BADGE, type BadgeTone } from './palette.js';

/** A filled badge whose label always meets AA contrast; the text carries the meaning, not the color. */
export const ToneBadge = ({ tone, children }: { tone: BadgeTone; children: ReactNode }) => (
  <Badge variant="filled" color={BADGE[tone]} c="#ffffff">{children}</Badge>
);
