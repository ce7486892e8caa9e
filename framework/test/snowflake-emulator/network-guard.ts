/**
 * Test guard: fail any TCP connection that is not to an allowed loopback address. snowflake-sdk
 * probes cloud metadata hosts when loaded without SNOWFLAKE_DISABLE_PLATFORM_DETECTION, and a
 * misconfigured test could reach a real account; both must be caught, not just avoided.
 */
import net from 'node:net';

export interface NetworkGuard {
  /** `host:port` of every refused connection attempt. */
  readonly blocked: string[];
  /** Put the original `net.Socket.prototype.connect` back. */
  restore(): void;
}

type ConnectArgs = unknown[];

/** Where a `socket.connect(...)` call goes, in each of Node's calling conventions. */
function parseConnectTarget(args: ConnectArgs): { host?: string; port?: unknown; ipc: boolean } {
  // Node's own callers pass a pre-normalized `[options, callback]` array as the first argument.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first !== null && typeof first === 'object') {
    const opts = first as { host?: string; port?: unknown; path?: string };
    if (opts.path !== undefined) return { ipc: true };
    return { host: opts.host ?? 'localhost', port: opts.port, ipc: false };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { ipc: true };
  return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first, ipc: false };
}

/**
 * Install the guard; call `restore()` in afterAll (test files share worker processes).
 * `allowed` lists the hosts that may be reached, or decides per host (the opt-in real-Snowflake
 * conformance run allows the account's hosts this way).
 */
export function installNetworkGuard(allowed: string[] | ((host: string) => boolean) = ['127.0.0.1']): NetworkGuard {
  const original = net.Socket.prototype.connect;
  const blocked: string[] = [];
  const isAllowed = typeof allowed === 'function' ? allowed : (host: string) => allowed.includes(host);
  const guarded = function (this: net.Socket, ...args: ConnectArgs) {
    const target = parseConnectTarget(args);
    if (!target.ipc && !isAllowed(target.host ?? '')) {
      blocked.push(`${target.host}:${String(target.port)}`);
      // Fail like a refused connection instead of throwing synchronously into library code.
      process.nextTick(() => this.destroy(new Error(`network guard: connection to ${target.host} blocked`)));
      return this;
    }
    return (original as (...a: ConnectArgs) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = guarded as typeof original;
  return {
    blocked,
    restore() {
      net.Socket.prototype.connect = original;
    },
  };
}
