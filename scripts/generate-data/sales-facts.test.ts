import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSalesFacts } from './sales-facts.js';

// The checks of the generator tests are only as good as this reader, so it gets a file with
// every defect it must catch.
describe('readSalesFacts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sales-facts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds duplicates, returns, bad dates, split and unsorted blocks', async () => {
    const path = join(dir, 'sales.csv');
    writeFileSync(path, [
      'date,date_block_num,shop_id,item_id,item_price,item_cnt_day',
      '05.01.2013,0,25,2552,899.0,1.0',
      '03.01.2013,0,25,2552,899.0,-1.0', // unsorted inside the block, a return
      '05.01.2013,0,25,2552,899.0,1.0', // exact duplicate
      '06.01.2013,0,25,2554,-1.0,2.0',
      '07.01.2013,0,31,2554,10.0,5.0',
      '08.01.2013,0,25,2555,1.5,1.0', // shop 25 again: split (month, shop) block
      '08.02.2013,0,31,2554,3.0,0.0', // wrong month for the date, zero count
      '01.02.2013,1,31,1,307980.0,1.0',
      '01.01.2013,0,31,1,5.0,1.0', // month goes back
      '',
    ].join('\n'));
    const facts = await readSalesFacts(path);
    expect(facts.rows).toBe(9);
    expect(facts.duplicates).toBe(1);
    expect(facts.returnRows).toBe(1);
    expect(facts.zeroCountRows).toBe(1);
    expect(facts.badDates).toBe(1);
    expect(facts.unsortedBlocks).toBe(1);
    expect(facts.splitBlocks).toEqual(['0/25', '0/31', '0/31/2554', '0/31']);
    expect(facts.monthsAscending).toBe(false);
    expect(facts.nonPositivePriceRows).toEqual([['06.01.2013', '0', '25', '2554', '-1.0', '2.0']]);
    expect(facts.maxPriceRow[4]).toBe('307980.0');
    expect(facts.maxCountRow[5]).toBe('5.0');
    expect(facts.monthUnits).toEqual([10, 1]);
    expect([...(facts.shopMonths.get(31) ?? [])].sort()).toEqual([0, 1]);
  });
});
