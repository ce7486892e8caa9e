/** Request/response plumbing for the emulator's HTTP server. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';

/**
 * Read a JSON body. snowflake-sdk 3.3.0 means to gzip bodies but in practice sends plain JSON
 * without Content-Encoding, so sniff the gzip magic bytes instead of trusting the header.
 */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  let body = Buffer.concat(parts);
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body);
  const text = body.toString('utf8').trim();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * Send JSON. Only 200/401/404 are ever used: the driver retries 5xx, 408 and 429 with backoff for
 * minutes, so even emulator bugs are reported as HTTP 200 `success: false`.
 */
export function sendJson(res: ServerResponse, status: 200 | 401 | 404, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The session token from `Authorization: Snowflake Token="..."`. */
export function sessionTokenOf(req: IncomingMessage): string | undefined {
  const match = /Snowflake Token="([^"]*)"/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** A Snowflake error body (HTTP 200, `success: false`). */
export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { success: false, code, message, data: { errorCode: code, internalError: false, ...extra }, headers: null };
}

/**
 * Login-request query parameters fold like identifiers: `analytics` means ANALYTICS,
 * `"Mixed Case"` keeps its case.
 */
export function foldIdentifier(value: string | null): string | null {
  if (value === null || value === '') return null;
  return /^".*"$/.test(value) ? value.slice(1, -1).replace(/""/g, '"') : value.toUpperCase();
}
