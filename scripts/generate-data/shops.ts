/**
 * The 60 shops: exact names (DATASET.md §4), total units 2013-01..2015-10 and the months in
 * which each shop has sales (DATASET.md §3 "Shops closing/opening", "Special shops",
 * "Duplicate shops"). Month 34 (2015-11) sells at the 42 shops of the competition's test set.
 */

/** One shop of shops.csv with its activity. */
export interface ShopSpec {
  readonly id: number;
  readonly name: string;
  /** Units sold over months 0..33. */
  readonly units: number;
  /** Months 0..34 with ordinary sales. */
  readonly salesMonths: ReadonlySet<number>;
  /** Months whose only row is a single -1 return (shop 9 in 27, shop 27 in 32). */
  readonly returnOnlyMonths: ReadonlySet<number>;
}

/** Shop 12, the online store: hosts delivery items and most outliers. */
export const ONLINE_SHOP = 12;
/** Shop 55, the 1C-Online digital warehouse: sells only digital categories. */
export const DIGITAL_SHOP = 55;

// [name, units, sales months, return-only months]. "a-b" are inclusive ranges.
const SHOP_TABLE: ReadonlyArray<readonly [string, number, string, string?]> = [
  ['!Якутск Орджоникидзе, 56 фран', 11705, '0-1'],
  ['!Якутск ТЦ "Центральный" фран', 6311, '0-1'],
  ['Адыгея ТЦ "Мега"', 30620, '0-34'],
  ['Балашиха ТРК "Октябрь-Киномир"', 28355, '0-34'],
  ['Волжский ТЦ "Волга Молл"', 43942, '0-34'],
  ['Вологда ТРЦ "Мармелад"', 42762, '1-34'],
  ['Воронеж (Плехановская, 13)', 100489, '0-34'],
  ['Воронеж ТРЦ "Максимир"', 67058, '0-34'],
  ['Воронеж ТРЦ Сити-Парк "Град"', 3595, '0-3'],
  ['Выездная Торговля', 15866, '9,21,33', '27'],
  ['Жуковский ул. Чкалова 39м?', 24523, '0-24,26-34'],
  ['Жуковский ул. Чкалова 39м²', 572, '25'],
  ['Интернет-магазин ЧС', 73478, '0-34'],
  ['Казань ТЦ "Бехетле"', 19763, '0-19'],
  ['Казань ТЦ "ПаркХаус" II', 46375, '0-34'],
  ['Калуга ТРЦ "XXI век"', 71201, '0-34'],
  ['Коломна ТЦ "Рио"', 61633, '0-34'],
  ['Красноярск ТЦ "Взлетка Плаза"', 25838, '5-24'],
  ['Красноярск ТЦ "Июнь"', 65486, '0-34'],
  ['Курск ТЦ "Пушкинский"', 73455, '0-34'],
  ['Москва "Распродажа"', 5872, '21,33'],
  ['Москва МТРЦ "Афи Молл"', 68560, '0-34'],
  ['Москва Магазин С21', 60230, '0-34'],
  ['Москва ТК "Буденовский" (пав.А2)', 7705, '0-3'],
  ['Москва ТК "Буденовский" (пав.К7)', 63886, '0-34'],
  ['Москва ТРК "Атриум"', 241920, '0-34'],
  ['Москва ТЦ "Ареал" (Беляево)', 67890, '0-34'],
  ['Москва ТЦ "МЕГА Белая Дача II"', 136657, '0-30', '32'],
  ['Москва ТЦ "МЕГА Теплый Стан" II', 184557, '0-34'],
  ['Москва ТЦ "Новый век" (Новокосино)', 58713, '0-28'],
  ['Москва ТЦ "Перловский"', 60828, '0-25'],
  ['Москва ТЦ "Семеновский"', 310777, '0-34'],
  ['Москва ТЦ "Серебряный Дом"', 8781, '0-6'],
  ['Мытищи ТРК "XL-3"', 5482, '19-27'],
  ['Н.Новгород ТРЦ "РИО"', 6451, '18-34'],
  ['Н.Новгород ТРЦ "Фантастика"', 69016, '0-34'],
  ['Новосибирск ТРЦ "Галерея Новосибирск"', 330, '33-34'],
  ['Новосибирск ТЦ "Мега"', 46256, '0-34'],
  ['Омск ТЦ "Мега"', 53886, '0-34'],
  ['РостовНаДону ТРК "Мегацентр Горизонт"', 16617, '14-34'],
  ['РостовНаДону ТРК "Мегацентр Горизонт" Островной', 4943, '14-24'],
  ['РостовНаДону ТЦ "Мега"', 49324, '0-34'],
  ['СПб ТК "Невский Центр"', 144934, '0-34'],
  ['СПб ТК "Сенная"', 50608, '0-24'],
  ['Самара ТЦ "Мелодия"', 44938, '0-34'],
  ['Самара ТЦ "ПаркХаус"', 41895, '0-34'],
  ['Сергиев Посад ТЦ "7Я"', 78990, '0-34'],
  ['Сургут ТРЦ "Сити Молл"', 67637, '0-34'],
  ['Томск ТРЦ "Изумрудный Город"', 24909, '15-34'],
  ['Тюмень ТРЦ "Кристалл"', 17090, '11-34'],
  ['Тюмень ТЦ "Гудвин"', 76238, '0-34'],
  ['Тюмень ТЦ "Зеленый Берег"', 48767, '0-32'],
  ['Уфа ТК "Центральный"', 49744, '0-34'],
  ['Уфа ТЦ "Семья" 2', 61657, '0-34'],
  ['Химки ТЦ "Мега"', 185790, '0-27'],
  ['Цифровой склад 1С-Онлайн', 63388, '4-34'],
  ['Чехов ТРЦ "Карнавал"', 78079, '0-34'],
  ['Якутск Орджоникидзе, 56', 141107, '2-34'],
  ['Якутск ТЦ "Центральный"', 81734, '2-34'],
  ['Ярославль ТЦ "Альтаир"', 48993, '0-34'],
];

/** Parses "0-24,26-34" into a set of months. */
export function parseMonthList(text: string | undefined): Set<number> {
  const months = new Set<number>();
  if (!text) return months;
  for (const part of text.split(',')) {
    const [low, high] = part.split('-').map(Number);
    for (let m = low; m <= (high ?? low); m++) months.add(m);
  }
  return months;
}

/** All 60 shops, indexed by shop_id. */
export const SHOPS: readonly ShopSpec[] = SHOP_TABLE.map(([name, units, sales, returnOnly], id) => ({
  id,
  name,
  units,
  salesMonths: parseMonthList(sales),
  returnOnlyMonths: parseMonthList(returnOnly),
}));

/** Shops with ordinary sales in a month. */
export function listSellingShops(month: number): number[] {
  return SHOPS.filter((shop) => shop.salesMonths.has(month)).map((shop) => shop.id);
}
