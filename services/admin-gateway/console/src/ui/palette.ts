/**
 * Badge backgrounds for white label text. Each one is checked against WCAG AA (4.5:1 for the
 * badge's 11px bold label, which is not "large text") in src/console-palette.test.ts; Mantine's
 * green.9 (#2b8a3e) is only 4.37:1, which is what axe flagged on the overview page. The same
 * colors tint Alerts (their titles are this color on a 10% tint of it) and field errors.
 */
export const BADGE = {
  ok: '#1b6b2e',
  warn: '#8a4b00',
  danger: '#b02525',
  info: '#1c5fa8',
  accent: '#6a2a8f',
  violet: '#5132a8',
  neutral: '#343a40',
} as const;

export type BadgeTone = keyof typeof BADGE;

/** WCAG 2.x contrast ratio of two #rrggbb colors. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
