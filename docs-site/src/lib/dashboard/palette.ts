/**
 * Colours. Families keep one colour everywhere (bars, treemap, scatter): the data lists families
 * by total revenue, so the biggest families get the most distinct hues.
 */

// Observable's 10-colour categorical scheme, then 8 more distinct hues for the smaller families.
export const FAMILY_COLORS = [
  '#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e',
  '#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#5e9bb5', '#c17fb1',
];
export const OTHER_COLOR = '#b8bec8';

export const ACCENT = '#2563eb';
export const ACCENT_SOFT = '#93b4f5';
export const SECONDARY = '#f08c2e';
export const MUTED = '#9aa3af';

/** Shops in the radar chart: distinct from the family colours' first hues to avoid false links. */
export const SERIES_COLORS = ['#2563eb', '#f08c2e', '#16a34a', '#db2777', '#7c3aed', '#0891b2'];

export function familyColor(family: number): string {
  return family < 0 ? OTHER_COLOR : FAMILY_COLORS[family % FAMILY_COLORS.length];
}

/** A Plot ordinal colour scale that maps family names to their fixed colours. */
export function familyScale(families: string[]): { type: 'ordinal'; domain: string[]; range: string[] } {
  return { type: 'ordinal', domain: families, range: families.map((_, i) => familyColor(i)) };
}

/** Dark or white text, whichever reads better on `hex` (relative luminance, WCAG formula). */
export function contrastText(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const lum = 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
  return lum > 0.32 ? '#1c2430' : '#ffffff';
}
