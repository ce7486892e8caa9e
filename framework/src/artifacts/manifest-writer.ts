/**
 * target/manifest.json, written piece by piece: the bytes are exactly `JSON.stringify(artifact)`
 * (redacted), but the text is never held as one string, and the byte range of every node and
 * every compiled entry is recorded (`ManifestLayout`). An incremental compile that changed a few
 * nodes splices their new values into the previous file instead of serialising 40k nodes again.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactSecrets, type SecretSet } from '../log/redact.js';
import { joinedWith, jsonString } from '../text.js';
import { recordedNodeList } from '../manifest/node-list.js';

/** Byte ranges [start, end) of values in manifest.json, in file order. */
export interface ManifestLayout {
  size: number;
  /** The metadata object. */
  metadata: [number, number];
  /** The sources object. */
  sources: [number, number];
  nodeIds: string[];
  /** 2 numbers per node id: start and end of its value. */
  nodeRanges: Float64Array;
  /** Ids with a compiled entry (none when the manifest has no `compiled`). */
  compiledIds: string[];
  compiledRanges: Float64Array;
  hasCompiled: boolean;
}

/**
 * Ids as one string, '\0' between them: id i starts at `starts[i]`. A layout is stored so
 * (`storedLayout`): one string of 1.7 MB reads back as one copy, where 80k strings at 10k models
 * cost the incremental compile ~10 ms to read and again to write.
 */
export interface PackedIds {
  text: string;
  starts: Int32Array;
}

/** A layout as target/strata-layout.bin holds it (parse/project-state.ts). */
export type StoredLayout = Omit<ManifestLayout, 'nodeIds' | 'compiledIds'> & { nodeIds: PackedIds; compiledIds: PackedIds };

export function packIds(ids: readonly string[]): PackedIds {
  const starts = new Int32Array(ids.length);
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    starts[i] = at;
    at += ids[i].length + 1;
  }
  return { text: joinedWith(ids, '\0'), starts };
}

/** The index of `id` in packed ids, or -1 (an occurrence counts only as a whole id). */
export function packedIndexOf(ids: PackedIds, id: string): number {
  const { text, starts } = ids;
  for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < at) lo = mid + 1;
      else if (starts[mid] > at) hi = mid - 1;
      else {
        const end = mid + 1 < starts.length ? starts[mid + 1] - 1 : text.length;
        if (end - at === id.length) return mid;
        break;
      }
    }
  }
  return -1;
}

export function storedLayout(layout: ManifestLayout): StoredLayout {
  return { ...layout, nodeIds: packIds(layout.nodeIds), compiledIds: packIds(layout.compiledIds) };
}

/** A file's identity as far as a cheap `stat` can tell. */
export interface FileSignature {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export function signatureOf(path: string): FileSignature | undefined {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino } : undefined;
}

export function sameSignature(a: FileSignature | undefined, b: FileSignature | undefined): boolean {
  return !!a && !!b && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/**
 * Redacting piece by piece equals redacting the whole text when no secret holds a JSON
 * structural character: every boundary between pieces touches one of `{}[]:,"`, so no
 * occurrence of such a secret can straddle two pieces.
 */
export function piecewiseRedactionIsExact(secrets: SecretSet): boolean {
  return secrets.values.every((s) => !/["{}[\]:,]/.test(s));
}

const CHUNK = 1 << 20;

/** Text gathered before it is encoded: ~1k encodings for a 64 MB manifest instead of 160k. */
const PENDING = 1 << 16;

/**
 * Buffered writes to a file descriptor, counting UTF-8 bytes. Pieces are joined and encoded
 * ~64k characters at a time: a call to encode costs ~0.4 us besides the bytes, and 40k nodes make
 * 160k pieces. Positions are marked as characters; they are the byte positions when the text
 * before them is ASCII (what encoding it tells), and are recounted for a stretch that is not.
 */
class PieceWriter {
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  /** Bytes encoded so far (in the buffer or the file). */
  private encoded = 0;
  /** Text put but not yet encoded. */
  private pending = '';
  /** Marks in `pending`, three entries each: the list, the index in it, the character offset. */
  private marks: Array<number[] | number> = [];

  constructor(
    private readonly fd: number,
    private readonly secrets: SecretSet,
  ) {}

  put(text: string): void {
    this.pending += this.secrets.values.length ? redactSecrets(text, this.secrets) : text;
    if (this.pending.length >= PENDING) this.settle();
  }

  /** Push the byte position after what was put so far onto `list`. */
  markInto(list: number[]): void {
    list.push(this.encoded + this.pending.length);
    if (this.pending.length) this.marks.push(list, list.length - 1, this.pending.length);
  }

  /** Every byte put so far is in the file; returns how many. */
  flush(): number {
    this.settle();
    this.writeAll(this.buffer, this.used);
    this.used = 0;
    return this.encoded;
  }

  /** Encode what was put: the marks made so far are then byte positions. */
  settle(): void {
    const text = this.pending;
    if (!text) return;
    this.pending = '';
    // A UTF-16 unit takes at most 3 UTF-8 bytes: room for that many means the text fits.
    if (text.length * 3 > CHUNK - this.used) {
      this.writeAll(this.buffer, this.used);
      this.used = 0;
    }
    let n: number;
    if (text.length * 3 > CHUNK) {
      const bytes = Buffer.from(text, 'utf8');
      this.writeAll(bytes, bytes.length);
      n = bytes.length;
    } else {
      n = this.buffer.write(text, this.used, 'utf8');
      this.used += n;
    }
    const marks = this.marks;
    if (n !== text.length) {
      // Not all ASCII: each mark's bytes are those of the stretch before it, stretch by stretch.
      let bytes = this.encoded;
      let from = 0;
      for (let k = 0; k < marks.length; k += 3) {
        const to = marks[k + 2] as number;
        bytes += Buffer.byteLength(text.slice(from, to), 'utf8');
        from = to;
        (marks[k] as number[])[marks[k + 1] as number] = bytes;
      }
    }
    if (marks.length) this.marks = [];
    this.encoded += n;
  }

  private writeAll(data: Buffer, length: number): void {
    for (let at = 0; at < length; ) at += writeSync(this.fd, data, at, length - at);
  }
}

function isSerialisable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** Open `<path>.<pid>.tmp`, run `write`, then rename over `path` (atomic). */
function writeAtomically<T>(path: string, write: (fd: number) => T): T {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let result: T;
  try {
    result = write(fd);
  } catch (err) {
    (err as NodeJS.ErrnoException).path ??= path; // ENOSPC on write names no file
    throw err;
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  return result;
}

/**
 * Write `artifact` as `JSON.stringify(artifact)` (redacted) and return the layout. The caller
 * checks `piecewiseRedactionIsExact` first. `nodes` and `compiled` may be maps (string keys that
 * are not array indexes): they are written as the objects of their entries.
 */
export function writeManifestPieces(path: string, artifact: Record<string, unknown>, secrets: SecretSet): ManifestLayout {
  return writeAtomically(path, (fd) => {
    const out = new PieceWriter(fd, secrets);
    const layout: ManifestLayout = {
      size: 0, metadata: [0, 0], sources: [0, 0], nodeIds: [], nodeRanges: new Float64Array(0),
      compiledIds: [], compiledRanges: new Float64Array(0), hasCompiled: false,
    };
    let first = true;
    out.put('{');
    for (const key of Object.keys(artifact)) {
      const value = artifact[key];
      if (!isSerialisable(value)) continue;
      out.put(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      const bounds: number[] = [];
      out.markInto(bounds);
      if ((key === 'nodes' || key === 'compiled') && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const ids: string[] = [];
        const ranges: number[] = [];
        let firstEntry = true;
        out.put('{');
        const emit = (entry: unknown, id: string) => {
          if (!isSerialisable(entry)) return;
          out.put(`${firstEntry ? '' : ','}${jsonString(id)}:`);
          firstEntry = false;
          ids.push(id);
          out.markInto(ranges);
          out.put(JSON.stringify(entry));
          out.markInto(ranges);
        };
        const recorded = key === 'nodes' ? recordedNodeList(value) : undefined;
        if (value instanceof Map) value.forEach(emit);
        else if (recorded) for (const node of recorded) emit(node, node.uniqueId);
        else for (const id of Object.keys(value)) emit((value as Record<string, unknown>)[id], id);
        out.put('}');
        out.settle();
        if (key === 'nodes') {
          layout.nodeIds = ids;
          layout.nodeRanges = Float64Array.from(ranges);
        } else {
          layout.compiledIds = ids;
          layout.compiledRanges = Float64Array.from(ranges);
          layout.hasCompiled = true;
        }
      } else {
        out.put(JSON.stringify(value));
        out.markInto(bounds);
        out.settle();
        if (key === 'metadata') layout.metadata = [bounds[0], bounds[1]];
        if (key === 'sources') layout.sources = [bounds[0], bounds[1]];
      }
    }
    out.put('}');
    layout.size = out.flush();
    return layout;
  });
}

export interface Replacement {
  range: [number, number];
  /** The new value's JSON text (already redacted). */
  text: string;
}

/**
 * Replace some value ranges of the manifest at `path` (laid out as `layout`) and return the new
 * layout. Ranges must be ranges of the layout (metadata, node or compiled values). The rest of
 * the file is copied through a small buffer, never held in memory.
 */
export function spliceManifest<L extends ManifestLayout | StoredLayout>(path: string, layout: L, replacements: Replacement[]): L {
  const sorted = [...replacements].sort((a, b) => a.range[0] - b.range[0]);
  const starts: number[] = [];
  const deltas: number[] = [];
  let delta = 0;
  for (const r of sorted) {
    delta += Buffer.byteLength(r.text) - (r.range[1] - r.range[0]);
    starts.push(r.range[0]);
    deltas.push(delta);
  }
  const source = openSync(path, 'r');
  try {
    if (fstatSync(source).size !== layout.size) throw new Error('manifest.json does not match its layout');
    const chunk = Buffer.allocUnsafe(CHUNK);
    writeAtomically(path, (fd) => {
      const copy = (from: number, to: number) => {
        for (let at = from; at < to; ) {
          const n = readSync(source, chunk, 0, Math.min(CHUNK, to - at), at);
          if (n <= 0) throw new Error('manifest.json changed while it was rewritten');
          writeSync(fd, chunk, 0, n);
          at += n;
        }
      };
      let at = 0;
      for (const r of sorted) {
        copy(at, r.range[0]);
        writeSync(fd, r.text);
        at = r.range[1];
      }
      copy(at, layout.size);
    });
  } finally {
    closeSync(source);
  }
  const ends = sorted.map((r) => r.range[1]);
  const lengths = sorted.map((r) => Buffer.byteLength(r.text));
  const moves: RangeMoves = { starts, ends, lengths, deltas };
  const moveRange = (start: number, end: number): [number, number] => {
    const [a, b] = moveRangesEach(Float64Array.of(start, end), moves);
    return [a, b];
  };
  return {
    ...layout,
    size: layout.size + delta,
    metadata: moveRange(layout.metadata[0], layout.metadata[1]),
    sources: moveRange(layout.sources[0], layout.sources[1]),
    nodeRanges: moveRanges(layout.nodeRanges, moves),
    compiledRanges: moveRanges(layout.compiledRanges, moves),
  };
}

/**
 * Replacements of a splice, in file order: where each starts and ends in the old file, its new
 * length, and the size change of it and all before it.
 */
export interface RangeMoves {
  starts: number[];
  ends: number[];
  lengths: number[];
  deltas: number[];
}

/**
 * New positions of value ranges (start, end pairs) after a splice: a replaced range keeps its
 * start (shifted by the replacements before it) and gets its new length; any other moves by the
 * size change of the replacements that end at or before its start. Ranges in file order (as the
 * writer lays them out) take one pass; others a scan of the replacements each (`moveRangesEach`:
 * ~7 ms for 80k ranges against 3 replacements).
 */
export function moveRanges(ranges: Float64Array, moves: RangeMoves): Float64Array {
  const out = ranges.slice();
  if (!moves.starts.length) return out;
  const { starts, ends, lengths, deltas } = moves;
  let k = 0; // replacements ending at or before the current range's start
  let shift = 0;
  let previous = -Infinity;
  for (let i = 0; i < ranges.length; i += 2) {
    const start = ranges[i];
    const end = ranges[i + 1];
    if (start < previous) return moveRangesEach(ranges, moves);
    previous = start;
    // A replacement that is this range itself (were it empty) moves it as a replacement, not as one before it.
    while (k < ends.length && ends[k] <= start && !(starts[k] === start && ends[k] === end)) shift = deltas[k++];
    let replaced = -1;
    for (let j = k; j < starts.length && starts[j] <= start; j++) {
      if (starts[j] === start && ends[j] === end) {
        replaced = j;
        break;
      }
    }
    out[i] = start + shift;
    out[i + 1] = replaced >= 0 ? start + shift + lengths[replaced] : end + shift;
  }
  return out;
}

/** moveRanges for ranges in any order: each range against every replacement. */
export function moveRangesEach(ranges: Float64Array, moves: RangeMoves): Float64Array {
  const out = ranges.slice();
  const { starts, ends, lengths, deltas } = moves;
  for (let i = 0; i < out.length; i += 2) {
    const start = ranges[i];
    const end = ranges[i + 1];
    let shift = 0;
    let replaced = -1;
    for (let k = 0; k < starts.length; k++) {
      if (starts[k] === start && ends[k] === end) {
        replaced = k;
        break;
      }
      if (ends[k] <= start) shift = deltas[k];
    }
    out[i] = start + shift;
    out[i + 1] = replaced >= 0 ? start + shift + lengths[replaced] : end + shift;
  }
  return out;
}

/** Read values of a manifest by byte range, without loading the file. */
export class ManifestReader {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  size(): number {
    return fstatSync(this.fd).size;
  }

  read(range: [number, number] | ArrayLike<number>): string {
    const buffer = Buffer.allocUnsafe(range[1] - range[0]);
    let at = 0;
    while (at < buffer.length) {
      const n = readSync(this.fd, buffer, at, buffer.length - at, range[0] + at);
      if (n <= 0) throw new Error('manifest.json is shorter than its layout');
      at += n;
    }
    return buffer.toString('utf8');
  }

  close(): void {
    closeSync(this.fd);
  }
}
