/** Small display formatters shared by the docs pages (build time and browser). */
import type { NodeStatus } from '../../../../framework/src/artifacts/types.ts';

/** `2025-01-15 09:30 UTC` from an ISO timestamp; '' when absent or unreadable. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `12,345` */
export function formatCount(n: number | undefined): string {
  return n === undefined ? '—' : n.toLocaleString('en-US');
}

/** `0.42 s`, `3 min 5 s` */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** The colour class of a result: good, bad, warn or neutral. */
export function readStatusTone(status: NodeStatus | undefined): 'good' | 'bad' | 'warn' | 'neutral' {
  if (status === 'pass' || status === 'success') return 'good';
  if (status === 'fail' || status === 'error') return 'bad';
  if (status === 'warn') return 'warn';
  return 'neutral';
}

/** Human label of a resource type, for headings. */
export function formatResourceType(type: string): string {
  return type.charAt(0).toUpperCase() + type.slice(1);
}
