/**
 * The dashboard's chart list (`src/lib/dashboard/charts.ts`, owned by the dashboard), read at
 * build time. `import.meta.glob` yields nothing when the module does not exist, so the docs
 * build never depends on the dashboard being there.
 */

export interface ChartDeclaration {
  id: string;
  title: string;
  marts: string[];
}

/** Keep only well-formed chart entries. */
export function readChartDeclarations(value: unknown): ChartDeclaration[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (c): c is ChartDeclaration =>
      !!c && typeof c.id === 'string' && typeof c.title === 'string' && Array.isArray(c.marts) && c.marts.every((m: unknown) => typeof m === 'string'),
  );
}

/** `DASHBOARD_CHARTS`, or [] when the dashboard has no chart module. */
export function readDashboardCharts(): ChartDeclaration[] {
  const modules = import.meta.glob('../dashboard/charts.ts', { eager: true }) as Record<string, { DASHBOARD_CHARTS?: unknown }>;
  return Object.values(modules).flatMap((m) => readChartDeclarations(m.DASHBOARD_CHARTS));
}
