/**
 * How each category behaves in the generator: which naming style its items use, its price
 * distribution, when it sells and how its share moves over time.
 *
 * Prices are [p10, median, p90, max] in rubles. Where DATASET.md §6 has the category (a verbatim
 * subset of real rows) its figures are used; the others (marked "D" below) are ballparks from
 * the §6 family notes. Life-cycle windows are from §5 "Category life-cycles".
 */

/** Behaviour of one category. */
export interface CategoryProfile {
  /** Key of the item-name style (see item-names.ts). */
  readonly style: string;
  /** Base price distribution: [p10, median, p90, max]. */
  readonly price: readonly [number, number, number, number];
  /** First month with sales (and with new items). */
  readonly from: number;
  /** Last month with sales. */
  readonly to: number;
  /** Log-slope per month of the category's share of units (negative = declining). */
  readonly trend: number;
  /** Sold mostly by the digital warehouse (shop 55). */
  readonly digital: boolean;
  /** Gifts sell disproportionately in December. */
  readonly gift: boolean;
  /** Relative propensity of returns (DATASET.md §3: category 17 is the highest). */
  readonly returns: number;
}

type Row = readonly [style: string, p10: number, median: number, p90: number, max: number, window: string, trend: number, flags?: string];

// flags: d = digital, g = gift, r<N> = returns factor. Window "a-b" (34 = the simulated month).
const PROFILE_TABLE: readonly Row[] = [
  /* 0 */ ['headset', 499, 990, 2490, 4990, '0-34', 0, 'r2'], // D
  /* 1 */ ['accessory:PS2', 199, 349, 599, 999, '0-34', -0.05, 'r2'], // D
  /* 2 */ ['accessory:PS3', 2190, 2490, 2990, 3290, '0-34', -0.02, 'r2'],
  /* 3 */ ['accessory:PS4', 1299, 3190, 4490, 7490, '10-34', 0.05, 'r2'],
  /* 4 */ ['accessory:PSP', 299, 599, 999, 1490, '0-34', -0.04, 'r2'], // D
  /* 5 */ ['accessory:PS Vita', 399, 699, 1190, 1990, '0-34', -0.02, 'r2'], // D (subset: 1 item at 699)
  /* 6 */ ['accessory:Xbox 360', 899, 1690, 2490, 7990, '0-34', -0.02, 'r2'],
  /* 7 */ ['accessory:Xbox One', 1090, 2490, 2990, 3390, '10-34', 0.05, 'r2'],
  /* 8 */ ['ticketDigital', 500, 1500, 3000, 5000, '18-34', 0.02, 'd'], // D
  /* 9 */ ['delivery', 184, 503, 1750, 2990, '0-34', 0],
  /* 10 */ ['console:PS2', 2990, 3990, 4990, 4990, '0-34', -0.06, 'r4'], // D
  /* 11 */ ['console:PS3', 9990, 13990, 17990, 21990, '0-34', -0.02, 'r4'], // D
  /* 12 */ ['console:PS4', 20990, 24990, 28490, 28490, '10-34', 0.04, 'r4'], // §3 "PS4 consoles"
  /* 13 */ ['console:PSP', 3990, 5990, 7990, 8990, '0-34', -0.05, 'r4'], // D
  /* 14 */ ['console:PS Vita', 7990, 9990, 13990, 15990, '0-34', -0.02, 'r4'], // D
  /* 15 */ ['console:Xbox 360', 8990, 12990, 16990, 19990, '0-34', -0.02, 'r4'], // D
  /* 16 */ ['console:Xbox One', 20499, 22990, 25990, 25990, '10-34', 0.04, 'r4'], // §3 "Xbox One bundle"
  /* 17 */ ['consoleOther', 1990, 3990, 6990, 9990, '0-34', 0, 'r20'], // D; returns ≈4.5% of units
  /* 18 */ ['game:PS2', 199, 299, 499, 699, '0-34', -0.06], // D
  /* 19 */ ['game:PS3', 799, 1499, 2599, 3399, '0-34', -0.015],
  /* 20 */ ['game:PS4', 1499, 2799, 3999, 5799, '10-34', 0.05],
  /* 21 */ ['game:PSP', 419, 799, 1049, 1499, '0-34', -0.04],
  /* 22 */ ['game:PS Vita', 899, 1299, 1699, 2399, '0-34', -0.02],
  /* 23 */ ['game:Xbox 360', 650, 999, 2599, 3399, '0-34', -0.02],
  /* 24 */ ['game:Xbox One', 1400, 2799, 3199, 4499, '10-34', 0.05],
  /* 25 */ ['gameAccessory', 199, 499, 1299, 2999, '0-34', 0], // D (subset: 1 item at 299)
  /* 26 */ ['game:Android', 99, 199, 299, 499, '23-34', 0, 'd'], // D
  /* 27 */ ['game:MAC', 299, 599, 999, 1499, '23-34', 0, 'd'], // D
  /* 28 */ ['gamePcAddon', 599, 799, 1499, 1999, '0-34', 0],
  /* 29 */ ['gamePcCollector', 399, 1499, 2799, 4999, '0-34', 0], // D
  /* 30 */ ['game:PC', 194, 599, 1199, 2399, '0-34', -0.01],
  /* 31 */ ['gamePcDigital', 149, 399, 999, 1999, '0-34', 0.03, 'd'], // D
  /* 32 */ ['paymentCard', 500, 1000, 1500, 3000, '0-34', 0], // D
  /* 33 */ ['cardLive', 899, 1099, 1999, 2999, '0-34', 0], // D around the subset's 1099
  /* 34 */ ['cardLiveDigital', 500, 1000, 2599, 2599, '0-34', 0.02, 'd'],
  /* 35 */ ['cardPsn', 649, 1099, 2599, 3199, '0-34', 0.02],
  /* 36 */ ['cardWindows', 300, 1000, 2000, 3000, '31-34', 0, 'd'], // D
  /* 37 */ ['bluray', 199, 499, 899, 1999, '0-34', -0.005],
  /* 38 */ ['bluray3d', 399, 1190, 1399, 1999, '0-34', -0.01],
  /* 39 */ ['bluray4k', 999, 1499, 1999, 2499, '0-34', 0], // D
  /* 40 */ ['dvd', 129, 199, 479, 599, '0-34', -0.028], // subset 99/169/479: popular-biased; see README
  /* 41 */ ['movieCollection', 499, 1499, 2999, 4999, '0-34', -0.01], // D
  /* 42 */ ['artbook', 799, 1250, 2490, 3990, '27-34', 0], // D
  /* 43 */ ['audiobook', 199, 299, 499, 799, '0-34', -0.01], // D
  /* 44 */ ['audiobookDigital', 99, 199, 299, 499, '0-34', 0, 'd'], // D
  /* 45 */ ['audiobook1c', 149, 249, 349, 499, '0-34', -0.01], // D
  /* 46 */ ['bookBusiness', 299, 499, 899, 1499, '0-34', 0], // D
  /* 47 */ ['comics', 299, 499, 899, 1999, '26-34', 0.03], // D
  /* 48 */ ['bookComputer', 299, 599, 999, 1499, '0-34', 0], // D
  /* 49 */ ['book1c', 249, 299, 349, 399, '0-34', 0],
  /* 50 */ ['bookPostcard', 99, 149, 199, 299, '0-34', 0], // D
  /* 51 */ ['bookCognitive', 399, 599, 899, 999, '0-34', 0], // D
  /* 52 */ ['bookGuide', 299, 499, 699, 899, '0-34', 0], // D
  /* 53 */ ['bookFiction', 199, 349, 499, 699, '0-34', 0], // D
  /* 54 */ ['bookDigital', 59, 100, 199, 399, '0-34', 0.02, 'd'], // D around the subset's 100
  /* 55 */ ['cdLocal', 199, 299, 449, 659, '0-34', -0.02],
  /* 56 */ ['cdBranded', 399, 699, 1299, 2499, '0-34', -0.01], // D
  /* 57 */ ['mp3', 169, 249, 349, 499, '0-34', -0.01], // D
  /* 58 */ ['vinyl', 999, 1799, 2999, 5990, '0-34', 0.02], // D (not in the subset)
  /* 59 */ ['musicVideo', 199, 399, 799, 1499, '0-24', -0.03], // D
  /* 60 */ ['musicGift', 599, 1299, 2499, 4999, '0-34', 0], // D
  /* 61 */ ['attribute', 199, 499, 999, 2499, '0-34', 0.01, 'g'], // D
  /* 62 */ ['gadget', 299, 999, 2999, 5999, '0-34', 0.01, 'g'], // D
  /* 63 */ ['softToy', 479, 849, 1199, 2490, '0-34', 0, 'g'],
  /* 64 */ ['boardGame', 599, 699, 1499, 3990, '0-34', 0.01, 'g'],
  /* 65 */ ['boardGameCompact', 249, 319, 499, 1399, '0-34', 0.01, 'g'],
  /* 66 */ ['postcard', 49, 99, 199, 349, '0-19', 0, 'g'], // D
  /* 67 */ ['development', 599, 749, 999, 1549, '0-34', 0, 'g'],
  /* 68 */ ['certificate', 500, 1000, 3000, 5000, '0-34', 0, 'g'], // D
  /* 69 */ ['souvenir', 299, 699, 1999, 2999, '0-34', 0, 'g'],
  /* 70 */ ['souvenirHanging', 149, 299, 449, 599, '0-34', 0, 'g'],
  /* 71 */ ['bag', 199, 399, 799, 999, '0-34', 0, 'g'], // D for the five non-bag items
  /* 72 */ ['figure', 799, 1099, 1999, 2999, '0-34', 0.02, 'g'],
  /* 73 */ ['enterprise1c', 300, 2500, 3300, 9900, '0-34', 0], // D above the subset's 3300
  /* 74 */ ['macSoftware', 499, 1499, 2999, 4999, '0-34', 0, 'd'], // D
  /* 75 */ ['homeOffice', 999, 1590, 3490, 6390, '0-34', -0.01],
  /* 76 */ ['homeOfficeDigital', 300, 990, 2490, 4990, '0-34', 0.02, 'd'], // D
  /* 77 */ ['educational', 199, 399, 799, 1499, '0-34', -0.01], // D
  /* 78 */ ['educationalDigital', 149, 299, 599, 999, '0-34', 0.01, 'd'], // D
  /* 79 */ ['service', 299, 999, 1999, 16790, '0-34', 0],
  /* 80 */ ['serviceTicket', 500, 1000, 2000, 3000, '27-32', 0], // D
  /* 81 */ ['blankSpindle', 199, 399, 699, 999, '0-34', -0.01], // D
  /* 82 */ ['blankPiece', 19, 29, 49, 79, '0-24', -0.02], // D
  /* 83 */ ['battery', 79, 99, 139, 179, '0-34', 0],
];

/** Profiles indexed by item_category_id. */
export const CATEGORY_PROFILES: readonly CategoryProfile[] = PROFILE_TABLE.map(
  ([style, p10, median, p90, max, window, trend, flags = '']) => {
    const [from, to] = window.split('-').map(Number);
    const returns = /r(\d+)/.exec(flags);
    return {
      style,
      price: [p10, median, p90, max] as const,
      from,
      to,
      trend,
      digital: flags.includes('d'),
      gift: flags.includes('g'),
      returns: returns ? Number(returns[1]) : 1,
    };
  },
);
