/** Point a diagnostic at the line of a call in raw template text. */
function escape(text: string): string {
  return text.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&');
}

export function lineOfMatch(raw: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(raw);
  if (!match) return undefined;
  let line = 1;
  for (let i = 0; i < match.index; i++) if (raw.charCodeAt(i) === 10) line++;
  return line;
}

export function lineOfRef(raw: string, name: string): number | undefined {
  return lineOfMatch(raw, new RegExp(`ref\\s*\\(\\s*['"]${escape(name)}['"]`));
}

export function lineOfSource(raw: string, source: string, table: string): number | undefined {
  return lineOfMatch(raw, new RegExp(`source\\s*\\(\\s*['"]${escape(source)}['"]\\s*,\\s*['"]${escape(table)}['"]`));
}
