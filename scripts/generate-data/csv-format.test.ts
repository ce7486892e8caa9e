import { describe, expect, it } from 'vitest';
import { ByteSink, encodeAscii } from './byte-sink.js';
import { formatCsvFile, formatCsvLine, formatFloat, quoteCsvField } from './csv-format.js';

describe('quoteCsvField (Python QUOTE_MINIMAL)', () => {
  it('leaves plain fields alone, even with spaces and Cyrillic', () => {
    expect(quoteCsvField('! ВО ВЛАСТИ НАВАЖДЕНИЯ (ПЛАСТ.)         D')).toBe('! ВО ВЛАСТИ НАВАЖДЕНИЯ (ПЛАСТ.)         D');
  });
  it('quotes fields with a comma, a quote or a line break and doubles inner quotes', () => {
    expect(quoteCsvField('Diablo III [PC, Jewel]')).toBe('"Diablo III [PC, Jewel]"');
    expect(quoteCsvField('Адыгея ТЦ "Мега"')).toBe('"Адыгея ТЦ ""Мега"""');
    expect(quoteCsvField('a\nb')).toBe('"a\nb"');
  });
  it('formats a line and a file with LF and a final newline', () => {
    expect(formatCsvLine(['Книги - Комиксы, манга', 47])).toBe('"Книги - Комиксы, манга",47');
    expect(formatCsvFile(['a', 'b'], [['x', 1], ['y', 2]])).toBe('a,b\nx,1\ny,2\n');
  });
});

describe('formatFloat', () => {
  it('writes integer values with .0 like pandas', () => {
    expect(formatFloat(999)).toBe('999.0');
    expect(formatFloat(1)).toBe('1.0');
    expect(formatFloat(-1)).toBe('-1.0');
    expect(formatFloat(307_980)).toBe('307980.0');
  });
  it('writes fractions with the shortest round-trip text', () => {
    expect(formatFloat(1709.05)).toBe('1709.05');
    expect(formatFloat(0.1)).toBe('0.1');
    expect(formatFloat(1971 / 2169)).toBe('0.9087136929460581');
  });
});

describe('ByteSink', () => {
  it('writes integers, text and bytes across chunk boundaries', () => {
    const chunks: Uint8Array[] = [];
    const sink = new ByteSink((chunk) => chunks.push(chunk.slice()), 16);
    for (const value of [0, 7, -22, 2169, 307980]) {
      sink.reserve(12);
      sink.intComma(value);
    }
    sink.reserve(4);
    sink.bytes(encodeAscii('x\n'));
    sink.end();
    const text = Buffer.concat(chunks).toString('latin1');
    expect(text).toBe('0,7,-22,2169,307980,x\n');
    expect(sink.bytesWritten).toBe(text.length);
    expect(chunks.length).toBeGreaterThan(1);
  });
});
