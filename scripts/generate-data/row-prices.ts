/**
 * The price written on each row: the item's shelf price at that shop and month, then the row
 * effects of prices.ts, plus the special price habits of DATASET.md §3 and §6.
 */
import { BAG_ITEM, SOFT_ANCHORS } from './anchors.js';
import { CATEGORY_PROFILES } from './category-profiles.js';
import { DELIVERY_CATEGORY } from './world-budgets.js';
import { drawBasePrice, priceRow, roundToRetailPrice } from './prices.js';
import type { Random } from './random.js';
import { DIGITAL_SHOP, ONLINE_SHOP } from './shops.js';
import { PROMO_MONTH, shelfPrice, type ItemTraits } from './world-items.js';

const SERVICE_CATEGORY = 79;
/** Share of the digital warehouse's rows at 0.1 rub (2,932 rows in the real file, §3). */
const TOKEN_PRICE_SHARE = 0.05;
const PROMO_ITEMS: ReadonlySet<number> = new Set(SOFT_ANCHORS.map((anchor) => anchor.id));

/** Pricing context of one (shop, item) block. */
export interface PairPrice {
  readonly item: number;
  readonly shop: number;
  readonly category: number;
  readonly month: number;
  readonly shelf: number;
}

/** The shelf price of a block: the item's price level, sometimes a shop's own price. */
export function priceBlock(traits: ItemTraits, item: number, shop: number, month: number, rng: Random): PairPrice {
  const category = traits.category[item];
  let shelf = shelfPrice(traits, item, month);
  if (item === BAG_ITEM) shelf = shop === ONLINE_SHOP ? 4 : 5;
  else if (shelf >= 50 && rng.chance(0.08)) shelf = roundToRetailPrice(shelf * (rng.chance(0.5) ? 0.9 : 1.1), rng);
  return { item, shop, category, month, shelf };
}

/** The price of one row of a block with item_cnt_day = count. */
export function priceRowOfBlock(block: PairPrice, count: number, rng: Random): number {
  const profile = CATEGORY_PROFILES[block.category];
  if (block.category === SERVICE_CATEGORY) return drawBasePrice(profile.price, rng); // an amount of money
  if (block.category === DELIVERY_CATEGORY) {
    const fee = drawBasePrice(profile.price, rng);
    // Several deliveries on one day at different fees average to a fractional price.
    return count >= 2 && rng.chance(0.3) ? (fee * (count - 1) + drawBasePrice(profile.price, rng)) / count : fee;
  }
  if (block.shop === DIGITAL_SHOP && profile.digital && rng.chance(TOKEN_PRICE_SHARE)) return 0.1;
  if (block.month === PROMO_MONTH && PROMO_ITEMS.has(block.item) && rng.chance(0.5)) return 0.5;
  if (block.item === BAG_ITEM) return block.shelf;
  return priceRow(block.shelf, count, rng);
}
