/**
 * `strata build` of the jaffle fixture project on every target: the same exit code, the same
 * run_results and the same relation contents.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FIXTURES } from '../helpers.js';
import { join } from 'node:path';
import { type ConformanceProject, createProject, describeConformance } from './conformance-project.js';

describeConformance((target) => {
  let p: ConformanceProject;
  beforeAll(() => {
    p = createProject(target, join(FIXTURES, 'jaffle'));
  });
  afterAll(() => p?.cleanup());

  it('builds seeds, models and tests, with the same results as on every other target', async () => {
    const run = await p.cli(['build']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/OK created sql table model \S+_marts\.customers \.+ \[SELECT 4 in/);
    expect(run.stdout).toMatch(/Done\. PASS=16 WARN=1 ERROR=0 SKIP=0 TOTAL=17/);
    expect(p.results()).toEqual({
      'seed.raw_customers': 'success 4',
      'seed.raw_orders': 'success 6',
      'seed.raw_payments': 'success 7',
      'model.stg_customers': 'success',
      'model.stg_orders': 'success',
      'model.orders': 'success 6',
      'model.customers': 'success 4',
      'test.unique_stg_customers_customer_id': 'pass',
      'test.not_null_stg_customers_customer_id': 'pass',
      'test.unique_orders_order_id': 'pass',
      'test.not_null_orders_order_id': 'pass',
      'test.accepted_values_orders_status_cb7674f03c': 'pass',
      'test.relationships_orders_customer_id_9e4625b5d5': 'warn 1',
      'test.is_positive_orders_amount': 'pass',
      'test.unique_customers_customer_id': 'pass',
      'test.not_null_customers_customer_id': 'pass',
      'test.assert_total_amount': 'pass',
    });
    expect(await p.rows('customers', 'marts', ['customer_id'])).toEqual([
      { customer_id: 1, first_name: 'Michael', city: 'Москва', number_of_orders: 2, lifetime_value: 17.5 },
      { customer_id: 2, first_name: 'Shawn', city: 'Санкт-Петербург, центр', number_of_orders: 1, lifetime_value: 25 },
      { customer_id: 3, first_name: 'Kathleen', city: 'Say "hi"', number_of_orders: 1, lifetime_value: 20 },
      { customer_id: 4, first_name: 'Jimmy', city: 'Казань', number_of_orders: 1, lifetime_value: 17 },
    ]);
    expect(await p.rows('orders', 'marts', ['order_id'])).toEqual([
      { order_id: 1, customer_id: 1, order_date: '2018-01-01', status: 'returned', credit_card_amount: 10, coupon_amount: 0, bank_transfer_amount: 0, gift_card_amount: 0, amount: 10 },
      { order_id: 2, customer_id: 3, order_date: '2018-01-02', status: 'completed', credit_card_amount: 20, coupon_amount: 0, bank_transfer_amount: 0, gift_card_amount: 0, amount: 20 },
      { order_id: 3, customer_id: 94, order_date: '2018-01-04', status: 'completed', credit_card_amount: 0, coupon_amount: 1, bank_transfer_amount: 0, gift_card_amount: 0, amount: 1 },
      { order_id: 4, customer_id: 2, order_date: '2018-01-05', status: 'placed', credit_card_amount: 0, coupon_amount: 0, bank_transfer_amount: 25, gift_card_amount: 0, amount: 25 },
      { order_id: 5, customer_id: 4, order_date: '2018-01-05', status: 'shipped', credit_card_amount: 17, coupon_amount: 0, bank_transfer_amount: 0, gift_card_amount: 0, amount: 17 },
      { order_id: 6, customer_id: 1, order_date: '2018-01-07', status: 'completed', credit_card_amount: 0, coupon_amount: 1.5, bank_transfer_amount: 0, gift_card_amount: 6, amount: 7.5 },
    ]);
  });
});
