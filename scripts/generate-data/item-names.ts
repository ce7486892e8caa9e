/**
 * Candidate item names per category: dispatches a category's naming style and collects
 * unique, trimmed names for the catalogue to choose from.
 */
import { CATEGORY_PROFILES } from './category-profiles.js';
import { GAME_STYLES } from './names-games.js';
import { GOODS_STYLES } from './names-goods.js';
import { MEDIA_STYLES, type NameStyle } from './names-media.js';
import type { Random } from './random.js';

const STYLES: Readonly<Record<string, NameStyle>> = { ...MEDIA_STYLES, ...GAME_STYLES, ...GOODS_STYLES };

/** Longest item name in the real items.csv (DATASET.md §1). */
const MAX_NAME_LENGTH = 150;

/**
 * Generates up to `count` new unique names for a category, skipping names already in `taken`
 * (which is updated). Returns fewer when the style runs out of combinations.
 */
export function generateCategoryNames(category: number, count: number, rng: Random, taken: Set<string>): string[] {
  const style = STYLES[CATEGORY_PROFILES[category].style];
  if (!style) throw new Error(`no item-name style "${CATEGORY_PROFILES[category].style}" for category ${category}`);
  const names: string[] = [];
  let attempts = 0;
  while (names.length < count && attempts < count * 50 + 200) {
    attempts++;
    // Collapse accidental runs of spaces only at the ends: inner double spaces are a real style.
    const name = style(rng).trim();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH || taken.has(name)) continue;
    taken.add(name);
    names.push(name);
  }
  return names;
}
