/**
 * A write buffer for the big sales file. Rows are written as bytes straight into a large
 * chunk (no per-row strings), and full chunks are handed to `flush`. All sales text is ASCII.
 */

const COMMA = 0x2c;
const MINUS = 0x2d;
const ZERO = 0x30;

/** Buffered ASCII byte writer. */
export class ByteSink {
  private chunk: Uint8Array;
  private pos = 0;
  private total = 0;
  private readonly digits = new Uint8Array(16);

  /**
   * @param flush receives each full chunk; the chunk is not reused after the call.
   * @param chunkSize bytes per chunk (default 4 MiB, large enough to make writes cheap).
   */
  constructor(
    private readonly flush: (chunk: Uint8Array) => void,
    private readonly chunkSize = 4 << 20,
  ) {
    this.chunk = new Uint8Array(chunkSize);
  }

  /** Bytes written so far (including those still buffered). */
  get bytesWritten(): number {
    return this.total + this.pos;
  }

  /** Makes room for `n` more bytes, flushing the current chunk if needed. */
  reserve(n: number): void {
    if (this.pos + n > this.chunkSize) this.flushChunk();
  }

  /** Copies pre-encoded bytes (callers reserve first). */
  bytes(data: Uint8Array): void {
    const chunk = this.chunk;
    let pos = this.pos;
    for (let i = 0; i < data.length; i++) chunk[pos++] = data[i];
    this.pos = pos;
  }

  /** Writes ASCII text (callers reserve first). */
  ascii(text: string): void {
    const chunk = this.chunk;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) chunk[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  /** Writes one byte (callers reserve first). */
  byte(value: number): void {
    this.chunk[this.pos++] = value;
  }

  /** Writes an integer in decimal (callers reserve first). */
  int(value: number): void {
    let n = value;
    if (n < 0) {
      this.chunk[this.pos++] = MINUS;
      n = -n;
    }
    let count = 0;
    do {
      this.digits[count++] = ZERO + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    while (count > 0) this.chunk[this.pos++] = this.digits[--count];
  }

  /** Writes an integer followed by a comma. */
  intComma(value: number): void {
    this.int(value);
    this.chunk[this.pos++] = COMMA;
  }

  /** Flushes what is buffered; call once at the end. */
  end(): void {
    if (this.pos > 0) this.flushChunk();
  }

  private flushChunk(): void {
    this.flush(this.chunk.subarray(0, this.pos));
    this.total += this.pos;
    this.chunk = new Uint8Array(this.chunkSize);
    this.pos = 0;
  }
}

/** Encodes ASCII text to bytes (for the small precomputed row fragments). */
export function encodeAscii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
