/**
 * Fail fast if a test opens a TCP connection to anything but loopback. The S3 SDK's default
 * credential chain, for example, would try the EC2 metadata address 169.254.169.254.
 */
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

/** The host a `Socket#connect` call targets, or undefined for Unix sockets / default host. */
function hostOf(args: unknown[]): string | undefined {
  // net.connect() hands Socket#connect its normalised [options, callback] array as one argument.
  const list = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const [first, second] = list;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    return options.path ? undefined : options.host;
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof second === 'string' ? second : undefined;
  }
  return undefined;
}

/** Patch `net.Socket.prototype.connect`; returns a function that restores it. */
export function installLoopbackGuard(): () => void {
  const original = net.Socket.prototype.connect;
  const guarded = function (this: net.Socket, ...args: unknown[]) {
    const host = hostOf(args);
    if (host !== undefined && !LOOPBACK.has(host)) {
      throw new Error(`Test tried to connect to non-loopback host ${host}`);
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = guarded as typeof original;
  return () => {
    net.Socket.prototype.connect = original;
  };
}
