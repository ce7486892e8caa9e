/**
 * Item-name styles for gifts, tickets, blank media and batteries (Russian product-type first,
 * then brand or character, then details in brackets).
 */
import type { NameStyle } from './names-media.js';
import { buildEnglishTitle, buildRussianTitle, toSentenceCase } from './name-kit.js';
import { CHARACTERS, COLORS, FRANCHISES } from './name-words.js';
import type { Random } from './random.js';

function buildTheme(rng: Random): string {
  return rng.chance(0.5) ? rng.pick(FRANCHISES) : buildEnglishTitle(rng);
}

function buildQuoted(rng: Random): string {
  return `"${toSentenceCase(buildRussianTitle(rng))}"`;
}

const ATTRIBUTE_TYPES = ['Футболка', 'Кружка', 'Брелок', 'Значок', 'Кепка', 'Шапка', 'Толстовка', 'Рюкзак', 'Постер', 'Шарф', 'Флаг', 'Термос', 'Чехол для телефона'];
const SOUVENIR_TYPES = ['Копилка', 'Кружка-хамелеон', 'Часы настольные', 'Статуэтка', 'Шкатулка', 'Подставка для ручек', 'Снежный шар', 'Фоторамка', 'Ночник', 'Кубок'];

/** Gift and miscellaneous styles by key. */
export const GOODS_STYLES: Readonly<Record<string, NameStyle>> = {
  attribute: (rng) => {
    const type = rng.pick(ATTRIBUTE_TYPES);
    const size = type === 'Футболка' || type === 'Толстовка' ? ` (размер ${rng.pick(['S', 'M', 'L', 'XL', 'XXL'])})` : '';
    return `${type} ${buildTheme(rng)}${rng.chance(0.4) ? ' ' + buildQuoted(rng) : ''} ${rng.pick(COLORS)}${size}`;
  },
  gadget: (rng) => {
    const roll = rng.float();
    const model = `${rng.pick(['Robo', 'Sky', 'Turbo', 'Smart', 'Mini', 'Mega'])}-${rng.intBetween(1, 999)}`;
    if (roll < 0.25) return `Робот ${model} (${rng.pick(COLORS)})`;
    if (roll < 0.45) return `Квадрокоптер ${model} ${rng.pick(['с камерой', 'HD', 'Mini', ''])}`.trim();
    if (roll < 0.65) return `Радиоуправляемая машина ${model} 1:${rng.pick([10, 16, 18, 24, 32])}`;
    if (roll < 0.8) return `Внешний аккумулятор ${model} ${rng.pick([2600, 5200, 10400, 13000])} мАч`;
    return `${rng.pick(['Мяч футбольный', 'Скейтборд', 'Эспандер', 'Фонарь', 'Колонка портативная'])} ${model} ${rng.pick(COLORS)}`;
  },
  softToy: (rng) => {
    const character = rng.pick(CHARACTERS);
    const size = rng.pick([10, 15, 20, 25, 30, 40, 50, 70]);
    return rng.chance(0.6)
      ? `Мягкая игрушка ${character} ${rng.pick(COLORS)} ${size} см`
      : `Мягкая игрушка ${rng.pick(FRANCHISES)} ${character} (${size} см)`;
  },
  boardGame: (rng) => `Настольная игра ${rng.chance(0.6) ? buildQuoted(rng) : buildEnglishTitle(rng)}${rng.pick(['', '', '. Дополнение', ' (новое издание)', ' (2-е изд.)'])}`,
  boardGameCompact: (rng) => `${rng.pick(['Карточная игра', 'Настольная игра', 'Игра-головоломка'])} ${buildQuoted(rng)} (${rng.pick(['компактная', 'дорожная версия', 'мини'])})`,
  postcard: (rng) => {
    const roll = rng.float();
    if (roll < 0.5) return `Открытка ${buildQuoted(rng)}`;
    if (roll < 0.8) return `Наклейка ${rng.pick(FRANCHISES)} ${rng.pick(CHARACTERS)}`;
    return `Набор наклеек ${buildTheme(rng)} (${rng.intBetween(6, 48)} шт.)`;
  },
  development: (rng) => {
    const roll = rng.float();
    if (roll < 0.35) return `Конструктор ${rng.pick(FRANCHISES)} ${buildQuoted(rng)} (${rng.intBetween(40, 900)} деталей)`;
    if (roll < 0.6) return `Пазл ${buildQuoted(rng)} (${rng.pick([60, 120, 260, 500, 1000, 1500])} эл.)`;
    if (roll < 0.8) return `Набор для творчества ${buildQuoted(rng)}`;
    return `Развивающая игра ${buildQuoted(rng)}`;
  },
  certificate: (rng) => (rng.chance(0.5)
    ? `Подарочный сертификат ${rng.pick([500, 1000, 1500, 2000, 3000, 5000, 10000])} руб.${rng.pick(['', ' (пластиковый)', ' (конверт)'])}`
    : `Сертификат на услугу ${buildQuoted(rng)}`),
  souvenir: (rng) => `${rng.pick(SOUVENIR_TYPES)} ${buildTheme(rng)}${rng.chance(0.3) ? ' ' + buildQuoted(rng) : ''}`,
  souvenirHanging: (rng) => `${rng.pick(['Брелок', 'Магнит', 'Подвеска', 'Значок', 'Закладка'])} ${rng.pick(FRANCHISES)} ${rng.pick(CHARACTERS)} (в навеску)`,
  bag: (rng) => {
    const type = rng.pick(['Сумка', 'Альбом для наклеек', 'Коврик для мыши', 'Рюкзак', 'Фотоальбом']);
    return `${type} ${buildTheme(rng)} ${rng.pick(COLORS)}`;
  },
  figure: (rng) => (rng.chance(0.6)
    ? `Фигурка ${rng.pick(FRANCHISES)} ${rng.pick(CHARACTERS)} ${rng.pick([7, 10, 12, 15, 18, 20, 30])} см`
    : `Фигурка ${buildEnglishTitle(rng)} "${rng.pick(CHARACTERS)}" (${rng.pick(['серия 1', 'серия 2', 'Deluxe', 'Mini'])})`),
  ticketDigital: (rng) => `Билет на ${rng.pick(['концерт', 'фестиваль', 'спектакль', 'шоу'])} ${buildQuoted(rng)} [Цифровая версия]`,
  serviceTicket: (rng) => `Билет ${buildQuoted(rng)} (${rng.pick(['партер', 'танцпол', 'VIP', 'балкон'])})`,
  blankSpindle: (rng) =>
    `${rng.pick(['CD-R', 'DVD-R', 'DVD+R', 'DVD-RW', 'BD-R'])} ${rng.pick(['Verbatim', 'TDK', 'Mirex', 'Smartbuy'])} ${rng.pick(['700 Mb', '4.7 Gb', '25 Gb'])} ${rng.pick([8, 16, 48, 52])}x Cake Box ${rng.pick([10, 25, 50, 100])} шт. (шпиль)`,
  blankPiece: (rng) =>
    `${rng.pick(['CD-R', 'DVD-R', 'DVD+R', 'CD-RW', 'DVD-RW'])} ${rng.pick(['Verbatim', 'TDK', 'Mirex', 'Smartbuy'])} ${rng.pick(['700 Mb', '4.7 Gb'])} ${rng.pick([4, 8, 16, 52])}x (${rng.pick(['конверт', 'slim box', 'jewel'])})`,
  battery: (rng) =>
    `Элемент питания ${rng.pick(['DURACELL', 'GP', 'Energizer', 'Varta', 'Camelion'])} ${rng.pick(['LR6', 'LR03', 'LR14', 'LR20', '6LR61', 'CR2032'])} (${rng.pick(['AA', 'AAA', 'C', 'D', 'Крона', 'таблетка'])}) BL${rng.pick([1, 2, 4, 8])}`,
};
