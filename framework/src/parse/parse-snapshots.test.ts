import { describe, expect, it } from 'vitest';
import { DiagnosticBag } from '../errors/strata-error.js';
import { extractSnapshotBlocks } from './parse-snapshots.js';

describe('extractSnapshotBlocks', () => {
  it('finds several blocks with their lines, trimming markers included', () => {
    const bag = new DiagnosticBag();
    const text = "-- header\n{% snapshot a %}\nselect 1\n{% endsnapshot %}\n\n{%- snapshot b -%}select 2{%- endsnapshot -%}\n";
    expect(extractSnapshotBlocks(text, 'snapshots/x.sql', bag).map((b) => ({ name: b.name, line: b.line, bodyLine: b.bodyLine, body: b.body }))).toEqual([
      { name: 'a', line: 2, bodyLine: 2, body: '\nselect 1\n' },
      { name: 'b', line: 6, bodyLine: 6, body: 'select 2' },
    ]);
    expect(bag.items).toEqual([]);
  });

  it('reports an unclosed block at its line and keeps the blocks after it', () => {
    const bag = new DiagnosticBag();
    const text = '{% snapshot a %}\nselect 1\n\n{% snapshot b %}\nselect 2\n{% endsnapshot %}\n';
    expect(extractSnapshotBlocks(text, 'snapshots/x.sql', bag).map((b) => b.name)).toEqual(['b']);
    expect(bag.errors).toMatchObject([{ file: 'snapshots/x.sql', line: 1, message: '{% snapshot a %} is not closed' }]);
  });

  it('reports a block without a valid name', () => {
    const bag = new DiagnosticBag();
    expect(extractSnapshotBlocks("{% snapshot 'orders' %}select 1{% endsnapshot %}", 'snapshots/x.sql', bag)).toEqual([]);
    expect(bag.errors).toMatchObject([{ line: 1, message: "Snapshot block without a valid name: {% snapshot 'orders' %}" }]);
  });
});
