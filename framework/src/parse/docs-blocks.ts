/** `{% docs name %}...{% enddocs %}` blocks from Markdown files. */
import type { DocBlock } from '../manifest/types.js';

const BLOCK = /\{%-?\s*docs\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*enddocs\s*-?%\}/g;

export function extractDocBlocks(text: string, file: string, packageName: string): DocBlock[] {
  const out: DocBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    out.push({ uniqueId: `doc.${packageName}.${match[1]}`, name: match[1], originalFilePath: file, blockContents: match[2].trim() });
  }
  return out;
}
