import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A chart with its caption: the figure is named by the caption, not by an aria-label on a plain div (axe: aria-prohibited-attr). */
export const ChartFigure = ({ caption, children }: { caption: string; children: ReactNode }) => (
  <Box component="figure" m={0}>
    {children}
    <Text component="figcaption" size="sm">{caption}</Text>
  </Box>
);
