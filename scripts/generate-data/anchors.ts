/**
 * Items with a fixed item_id and name: the special items named in DATASET.md (best sellers,
 * anomaly rows, the first rows of sales_train) plus neighbours needed to hold them in place.
 *
 * items.csv is sorted by name and item_id is the row number, so an anchor's name must sort
 * between its neighbours' names; catalogue.ts checks this and fills the gaps between anchors
 * with exactly the right number of synthesized names.
 */

/** How a best-selling item's monthly units evolve (see world-stars.ts). */
export interface StarShape {
  /** Total units in months 0..33 (DATASET.md §2 "Next best sellers"). */
  readonly units: number;
  /** First month with sales. */
  readonly launch: number;
  /** Half-life of sales in months after launch; omitted = steady share of the month. */
  readonly halfLife?: number;
}

/** An item with a fixed id and name. */
export interface Anchor {
  readonly id: number;
  readonly name: string;
  readonly category: number;
  /** First month with sales, when known (release dates of the real products). */
  readonly release?: number;
  /** Multiplier on the item's drawn popularity. */
  readonly boost?: number;
  /** Base price in rubles when known from DATASET.md. */
  readonly price?: number;
  /** Best sellers get explicit monthly units instead of drawn ones. */
  readonly star?: StarShape;
  /** Sold only through the pinned anomaly rows (item 6066, the 522-licence bundle). */
  readonly pinnedOnly?: boolean;
}

/**
 * An id that must hold an item of one of the given categories, with any name (items 6457 and
 * 6497 are promo games sold at 0.5 in July 2014, DATASET.md §3). The catalogue picks a pool name
 * of such a category at the proportional position between the hard anchors.
 */
export interface SoftAnchor {
  readonly id: number;
  readonly categories: readonly number[];
}

/** The branded carrier bag, 5.1% of all units at 4–5 rub (DATASET.md §2). */
export const BAG_ITEM = 20949;

/**
 * The anchored items, in id order (their names must also be in name order). "1С" in these
 * names uses the Cyrillic С (U+0421), like shop 55 and categories 45/49/73.
 */
export const ANCHORS: readonly Anchor[] = [
  { id: 0, name: '! ВО ВЛАСТИ НАВАЖДЕНИЯ (ПЛАСТ.)         D', category: 40 },
  { id: 1, name: '!ABBYY FineReader 12 Professional Edition Full [PC, Цифровая версия]', category: 76 },
  { id: 2552, name: 'DEEP PURPLE  The House Of Blue Light  LP', category: 58, price: 899, release: 0 },
  { id: 2553, name: 'DEEP PURPLE  Total Abandon: Australia 99  2LP', category: 58 },
  { id: 2554, name: 'DEEP PURPLE  Who Do You Think We Are  LP', category: 58, release: 0 },
  { id: 2555, name: 'DEEP PURPLE 30 Very Best Of 2CD (Фирм.)', category: 56, price: 1099, release: 0 },
  { id: 2808, name: 'Diablo III [PC, Jewel]', category: 30, price: 599, release: 0, star: { units: 17_245, launch: 0, halfLife: 14 } },
  { id: 2973, name: 'DmC Devil May Cry [PS3]', category: 19, price: 1249, release: 0, boost: 5 },
  { id: 3731, name: 'Grand Theft Auto V [PC, русские субтитры]', category: 30, price: 1999, release: 27, star: { units: 6_000, launch: 27, halfLife: 4 } },
  { id: 3732, name: 'Grand Theft Auto V [PS3, русские субтитры]', category: 19, price: 2599, release: 8, star: { units: 16_642, launch: 8, halfLife: 5 } },
  { id: 3733, name: 'Grand Theft Auto V [PS4, русские субтитры]', category: 20, price: 3599, release: 22, boost: 12 },
  { id: 3734, name: 'Grand Theft Auto V [Xbox 360, русские субтитры]', category: 23, price: 2599, release: 8, star: { units: 11_688, launch: 8, halfLife: 5 } },
  { id: 5822, name: 'Playstation Store пополнение бумажника: Карта оплаты 1000 руб.', category: 35, price: 1000, release: 0, star: { units: 14_515, launch: 0 } },
  { id: 6066, name: 'Radmin 3  - 522 лиц.', category: 75, pinnedOnly: true },
  { id: 6675, name: 'Sony PlayStation 4 (500 Gb) Black (CUH-1008A/1108A/B01)', category: 12, price: 28_490, release: 10, star: { units: 10_289, launch: 10, halfLife: 10 } },
  { id: 11364, name: 'Доставка (DPD)', category: 9 },
  { id: 11365, name: 'Доставка (EMS)', category: 9 },
  { id: 11366, name: 'Доставка (Pickpoint)', category: 9 },
  { id: 11367, name: 'Доставка (SPSR Express)', category: 9 },
  { id: 11368, name: 'Доставка (Деловые Линии)', category: 9 },
  { id: 11369, name: 'Доставка (Курьер Сервис Экспресс)', category: 9 },
  { id: 11370, name: 'Доставка (Почта России)', category: 9, boost: 1.5 },
  { id: 11371, name: 'Доставка (Почта России, 1 класс)', category: 9 },
  { id: 11372, name: 'Доставка (Самовывоз)', category: 9 },
  { id: 11373, name: 'Доставка до пункта выдачи (Boxberry)', category: 9, boost: 2 },
  { id: 11374, name: 'Доставка до пункта выдачи (Pickpoint)', category: 9 },
  { id: 11375, name: 'Доставка курьером', category: 9 },
  { id: 13405, name: 'Игровая консоль Microsoft Xbox One 500 Gb + Kinect (7UV-00000)', category: 16, price: 25_990, release: 10, boost: 30 },
  { id: 17717, name: 'Прием денежных средств для 1С-Онлайн', category: 79, release: 0, star: { units: 15_830, launch: 0 } },
  { id: 20949, name: 'Фирменный пакет майка 1С Интерес белый (34*42) 45 мкм', category: 71, price: 5, release: 0, star: { units: 187_642, launch: 0 } },
  { id: 22154, name: 'ЯВЛЕНИЕ 2012 (BD)', category: 37, price: 999, release: 0 },
];

/** Ids that must be game items, named from the pool (see {@link SoftAnchor}). */
export const SOFT_ANCHORS: readonly SoftAnchor[] = [
  { id: 6457, categories: [19, 23, 28, 30] },
  { id: 6497, categories: [19, 23, 28, 30] },
];
