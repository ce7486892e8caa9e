/**
 * Turn the dashboard's charts into exposure nodes and merge them into the docs data: each chart
 * gets a page listing the marts it reads, each mart's page lists the charts that use it, and the
 * graph index and search index gain the charts (appended, so existing positions stay valid).
 */
import type { DocsLink, DocsNode, GraphIndex, SearchShard } from '../../../../framework/src/docs/types.ts';
import { buildSearchIndex, mergeSearchIndexes } from '../../../../framework/src/docs/build-search-index.ts';
import type { ChartDeclaration } from './read-dashboard-charts.ts';

/** Unique id prefix of chart exposures. */
export const CHART_EXPOSURE_PREFIX = 'exposure.dashboard.';

export interface MergedDocs {
  graph: GraphIndex;
  nodes: Map<string, DocsNode>;
  shards: Record<string, SearchShard>;
}

function toChartNode(chart: ChartDeclaration, marts: Array<DocsLink | string>, dashboardUrl: string): DocsNode {
  const found = marts.filter((m): m is DocsLink => typeof m !== 'string');
  const missing = marts.filter((m): m is string => typeof m === 'string');
  return {
    uniqueId: `${CHART_EXPOSURE_PREFIX}${chart.id}`,
    name: chart.id,
    resourceType: 'exposure',
    packageName: 'dashboard',
    path: 'docs-site/src/lib/dashboard/charts.ts',
    description: `Chart **${chart.title}** on the sales dashboard. It reads ${chart.marts.length === 1 ? 'one mart' : `${chart.marts.length} marts`}.`,
    tags: ['dashboard'],
    meta: missing.length ? { marts_not_in_project: missing } : {},
    config: {},
    columns: [],
    tests: [],
    dependsOn: found,
    usedBy: [],
    exposure: { type: 'dashboard', label: chart.title, url: dashboardUrl },
  };
}

function intern(table: string[], value: string): number {
  const i = table.indexOf(value);
  return i >= 0 ? i : table.push(value) - 1;
}

/**
 * Merge chart exposures into the docs data. Inputs are not modified.
 *
 * @param dashboardUrl builds the link to a chart on the dashboard page
 */
export function mergeChartExposures(graph: GraphIndex, nodes: Map<string, DocsNode>, shards: Record<string, SearchShard>,
  charts: ChartDeclaration[], dashboardUrl: (chartId: string) => string): MergedDocs {
  if (charts.length === 0) return { graph, nodes, shards };
  const modelType = graph.typeNames.indexOf('model');
  const martPosition = new Map<string, number>();
  graph.names.forEach((name, i) => {
    if (graph.types[i] === modelType && !martPosition.has(name)) martPosition.set(name, i);
  });
  const merged: GraphIndex = {
    ...graph,
    ids: [...graph.ids], names: [...graph.names], types: [...graph.types], typeNames: [...graph.typeNames],
    materialized: [...graph.materialized], tags: [...graph.tags], tagNames: [...graph.tagNames],
    folders: [...graph.folders], folderNames: [...graph.folderNames], edges: [...graph.edges],
  };
  const outNodes = new Map(nodes);
  const chartNodes: DocsNode[] = [];
  for (const chart of charts) {
    const marts = chart.marts.map((mart): DocsLink | string => {
      const at = martPosition.get(mart);
      return at === undefined ? mart : { uniqueId: graph.ids[at], name: mart, resourceType: 'model' };
    });
    const node = toChartNode(chart, marts, dashboardUrl(chart.id));
    const position = merged.ids.length;
    merged.ids.push(node.uniqueId);
    merged.names.push(node.name);
    merged.types.push(intern(merged.typeNames, 'exposure'));
    merged.materialized.push(-1);
    merged.tags.push([intern(merged.tagNames, 'dashboard')]);
    merged.folders.push(intern(merged.folderNames, 'dashboard'));
    for (const mart of node.dependsOn) {
      merged.edges.push(martPosition.get(mart.name)!, position);
      const page = outNodes.get(mart.uniqueId);
      if (page) {
        const link: DocsLink = { uniqueId: node.uniqueId, name: node.name, resourceType: 'exposure' };
        outNodes.set(mart.uniqueId, { ...page, usedBy: [...page.usedBy, link] });
      }
    }
    outNodes.set(node.uniqueId, node);
    chartNodes.push(node);
  }
  const chartShards = buildSearchIndex(
    chartNodes.map((n) => ({ name: n.name, tags: n.tags, columns: [], description: `${n.exposure?.label ?? ''} ${n.description}` })),
    graph.ids.length,
  );
  return { graph: merged, nodes: outNodes, shards: mergeSearchIndexes(shards, chartShards) };
}
