/**
 * Item-name styles for games, consoles, accessories, payment cards and software, with the
 * real catalogue's bracketed platform tags: "[PC, Цифровая версия]", "[PS3, русская версия]".
 */
import type { Random } from './random.js';
import type { NameStyle } from './names-media.js';
import { buildEnglishTitle, buildRussianTitle, toSentenceCase } from './name-kit.js';
import { COLORS, FRANCHISES } from './name-words.js';

/**
 * Franchises of the special items (anchors.ts). Their platform and edition variants fill the
 * narrow alphabetical gaps next to the anchors, as real series do in items.csv.
 */
const ANCHOR_SERIES = ['Diablo III', 'Grand Theft Auto V', 'DmC Devil May Cry', 'Sid Meier’s Civilization V', 'DEEP PURPLE'];

/** A game title: English mostly, Russian sometimes, occasionally a variant of an anchor series. */
function buildGameTitle(rng: Random): string {
  const roll = rng.float();
  if (roll < 0.03) return `${rng.pick(ANCHOR_SERIES.slice(0, 4))}${rng.pick(['', '. Reaper of Souls', ': Complete Edition', '. Дополнение', ' (Essentials)'])}`;
  if (roll < 0.85) return buildEnglishTitle(rng);
  return toSentenceCase(buildRussianTitle(rng));
}

function pickLanguage(rng: Random): string {
  return rng.pick(['русская версия', 'русская версия', 'русская версия', 'русские субтитры', 'русские субтитры', 'английская версия']);
}

/** A console or handheld game: "Title [PS3, русская версия]". */
function buildConsoleGame(platform: string): NameStyle {
  return (rng) => {
    const edition = rng.chance(0.85) ? '' : rng.pick([' (Essentials)', ' (Platinum)', '. Издание «Игра года»', ' (только для PS Move)', ' (Хиты PlayStation)', ' (Kinect)']);
    const tag = rng.chance(0.1) ? `[${platform}]` : `[${platform}, ${pickLanguage(rng)}]`;
    return `${buildGameTitle(rng)}${edition} ${tag}`;
  };
}

function buildPcGame(rng: Random): string {
  const packaging = rng.pick(['Jewel', 'Jewel', 'DVD-box', 'русская версия', 'русская версия', 'английская версия', 'DVD-box, русская версия']);
  return `${buildGameTitle(rng)} [PC, ${packaging}]`;
}

function buildPcAddon(rng: Random): string {
  const title = buildGameTitle(rng);
  if (rng.chance(0.3)) return `${title}. Дополнение "${buildEnglishTitle(rng)}" [PC, Jewel]`;
  const edition = rng.pick(['Золотое издание', 'Расширенное издание', 'Game of the Year Edition', 'Deluxe Edition', 'Complete Edition', 'Антология', 'Подарочное издание']);
  return `${title}. ${edition} [PC, ${rng.pick(['Jewel', 'DVD-box', 'русская версия'])}]`;
}

function buildPlatformDigital(platform: string): NameStyle {
  return (rng) => {
    const edition = rng.chance(0.8) ? '' : `. ${rng.pick(['Deluxe Edition', 'Season Pass', 'Дополнение', 'Gold Edition', 'Набор'])}`;
    return `${buildGameTitle(rng)}${edition} [${platform}, Цифровая версия]`;
  };
}

const ACCESSORY_TYPES = ['Геймпад беспроводной', 'Геймпад проводной', 'Джойстик', 'Гарнитура беспроводная', 'Гарнитура проводная', 'Зарядное устройство', 'Кабель HDMI', 'Чехол', 'Защитная пленка', 'Карта памяти', 'Руль', 'Камера', 'Пульт ДУ', 'Подставка', 'Аккумулятор', 'Сумка для консоли', 'Набор стилусов', 'Наушники', 'Док-станция', 'Контроллер движений'];
const BRANDS = ['ProPlay', 'GameX', 'Dragonfly', 'Nitro', 'Hexa', 'Orbita', 'Polaris', 'Quanta', 'Ritmix', 'Sven', 'Tornado', 'Vortex', 'Zeta', 'Artplays', 'Black Horns', 'Dexter'];

function buildAccessory(platform: string): NameStyle {
  return (rng) => {
    const type = rng.pick(ACCESSORY_TYPES);
    const model = `${rng.pick(BRANDS)} ${rng.pick(['', 'Pro ', 'Slim ', 'Elite '])}${rng.intBetween(1, 9)}${rng.pick(['00', '0', '10', 'X', 'S'])}`;
    return `${type} ${model} (${rng.pick(COLORS)}) (${platform})`;
  };
}

function buildConsole(platform: string): NameStyle {
  return (rng) => {
    const gb = rng.pick(['4', '12', '250', '320', '500', '1000']);
    const bundle = rng.chance(0.5) ? '' : rng.pick([` + игра "${buildEnglishTitle(rng)}"`, ' + Kinect', ' + 2 геймпада', ` + ${rng.intBetween(2, 5)} игры`, ' + PS Camera']);
    const brand = /Xbox/.test(platform) ? `Microsoft ${platform}` : `Sony ${platform.replace('PS', 'PlayStation ')}`;
    if (rng.chance(0.2)) return `Игровая консоль ${brand} ${gb} Гб (${rng.pick(COLORS)})${bundle}`;
    return `${brand} ${rng.pick(['Slim', 'Super Slim', 'Standard', 'Wi-Fi'])} (${gb} Gb) ${rng.pick(['Black', 'White', 'Glacier White'])}${bundle}`;
  };
}

function buildCard(prefix: string, amounts: readonly number[], suffix: string): NameStyle {
  return (rng) => `${rng.pick([prefix, prefix.toUpperCase()])} ${rng.pick(amounts)} руб.${rng.chance(0.3) ? ' (' + rng.pick(['акция', 'новый дизайн', 'RU']) + ')' : ''}${suffix}`;
}

const SOFT_PREFIX = ['Photo', 'Video', 'Sound', 'Web', 'Net', 'Disk', 'File', 'Data', 'Smart', 'Easy', 'Pro', 'Win', 'Magic', 'Home', 'Ultra', 'Office'];
const SOFT_SUFFIX = ['Master', 'Studio', 'Guard', 'Shield', 'Suite', 'Tools', 'Box', 'Manager', 'Cleaner', 'Editor', 'Reader', 'Converter', 'Backup', 'Designer'];

function buildSoftwareName(rng: Random): string {
  const roll = rng.float();
  if (roll < 0.05) return `Radmin 3 - ${rng.pick([1, 2, 5, 10, 50, 100, 150])} лиц.`;
  const name = `${rng.pick(SOFT_PREFIX)}${rng.pick(SOFT_SUFFIX)}${rng.chance(0.1) ? '®' : ''}`;
  if (roll < 0.35) return `Антивирус ${name} ${rng.intBetween(2012, 2016)} (${rng.intBetween(1, 5)} ПК, 1 год)`;
  if (roll < 0.6) return `${name} ${rng.pick(['2013', '2014', '2015', 'X5', '7', '8 Pro', 'Home', 'Business', 'Professional'])}`;
  return `${rng.pick(['Фоторедактор', 'Видеоредактор', 'Переводчик', 'Архиватор', 'Органайзер', 'Домашняя бухгалтерия', 'Планировщик'])} ${name} ${rng.intBetween(1, 12)}`;
}

const SUBJECTS = ['Английский язык', 'Математика', 'Русский язык', 'Физика', 'Химия', 'История России', 'Немецкий язык', 'Биология', 'География', 'Информатика', 'Подготовка к ЕГЭ', 'Азбука', 'Таблица умножения'];

function buildEducational(tag: string): NameStyle {
  return (rng) => {
    const subject = rng.pick(SUBJECTS);
    const grade = rng.chance(0.5) ? `. ${rng.intBetween(1, 11)} класс` : rng.chance(0.5) ? ` для детей ${rng.intBetween(3, 8)}-${rng.intBetween(9, 12)} лет` : '';
    const roll = rng.float();
    if (roll < 0.3) return `1С:Репетитор. ${subject}${grade} ${tag}`;
    if (roll < 0.6) return `Обучающая программа «${subject}${grade}» ${tag}`;
    return `${rng.pick(['Учимся', 'Умные игры', 'Весёлые уроки', 'Easy English', 'Смешарики. Азбука'])}. ${subject}${grade} ${tag}`;
  };
}

const ENTERPRISE_PRODUCTS = ['Бухгалтерия', 'Управление торговлей', 'Зарплата и управление персоналом', 'Управление небольшой фирмой', 'Розница', 'Комплексная автоматизация', 'Документооборот', 'Упрощенка', 'Предприниматель', 'Деньги', 'Управленческий учет', 'Торговля и склад'];
const ENTERPRISE_EDITIONS = ['Базовая версия', 'ПРОФ', 'КОРП', 'Электронная поставка', 'Учебная версия', 'Комплект на 5 пользователей', 'Клиентская лицензия на 1 рабочее место'];

/** Game, console, card and software styles by key. */
export const GAME_STYLES: Readonly<Record<string, NameStyle>> = {
  'game:PS2': buildConsoleGame('PS2'),
  'game:PS3': buildConsoleGame('PS3'),
  'game:PS4': buildConsoleGame('PS4'),
  'game:PSP': buildConsoleGame('PSP'),
  'game:PS Vita': buildConsoleGame('PS Vita'),
  'game:Xbox 360': buildConsoleGame('Xbox 360'),
  'game:Xbox One': buildConsoleGame('Xbox One'),
  'game:Android': buildPlatformDigital('Android'),
  'game:MAC': buildPlatformDigital('MAC'),
  'game:PC': buildPcGame,
  gamePcAddon: buildPcAddon,
  gamePcCollector: (rng) => `${buildGameTitle(rng)}. ${rng.pick(['Коллекционное издание', 'Collector’s Edition', 'Limited Edition'])} [PC, ${pickLanguage(rng)}]`,
  gamePcDigital: buildPlatformDigital('PC'),
  'accessory:PS2': buildAccessory('PS2'),
  'accessory:PS3': buildAccessory('PS3'),
  'accessory:PS4': buildAccessory('PS4'),
  'accessory:PSP': buildAccessory('PSP'),
  'accessory:PS Vita': buildAccessory('PS Vita'),
  'accessory:Xbox 360': buildAccessory('Xbox 360'),
  'accessory:Xbox One': buildAccessory('Xbox One'),
  'console:PS2': buildConsole('PS2'),
  'console:PS3': buildConsole('PS3'),
  'console:PS4': buildConsole('PS4'),
  'console:PSP': buildConsole('PSP'),
  'console:PS Vita': buildConsole('PS Vita'),
  'console:Xbox 360': buildConsole('Xbox 360'),
  'console:Xbox One': buildConsole('Xbox One'),
  consoleOther: (rng) => `Игровая консоль ${rng.pick(BRANDS)} ${rng.pick(['Retro', 'Mini', 'Portable', 'Classic', 'Arcade'])} (${rng.pick([50, 100, 150, 300, 500])} встроенных игр)`,
  headset: (rng) => `PC: Гарнитура ${rng.pick(BRANDS)} ${rng.pick(['G', 'H', 'X'])}${rng.intBetween(100, 990)} (${rng.pick(COLORS)})`,
  gameAccessory: (rng) => {
    const franchise = rng.pick(FRANCHISES);
    const roll = rng.float();
    if (roll < 0.5) return `Фигурка ${franchise}. Персонаж "${buildEnglishTitle(rng)}"`;
    if (roll < 0.75) return `${franchise}. Стартовый набор [${rng.pick(['PS3', 'Xbox 360', 'PS4', 'Wii U'])}]`;
    return `${franchise}. Набор карт "${toSentenceCase(buildRussianTitle(rng))}"`;
  },
  paymentCard: buildCard('Карта оплаты Медиа: кино, музыка, игры', [300, 500, 1000, 1500, 2000, 3000], ''),
  cardLive: (rng) => (rng.chance(0.5)
    ? `Xbox LIVE Gold: ${rng.pick([1, 3, 6, 12])} мес.${rng.pick(['', ' (RU)', ' (акция)', ' (новый дизайн)', ' + игра'])}`
    : `Карта оплаты Xbox LIVE ${rng.pick([500, 750, 1000, 1500, 2000, 2500])} руб.${rng.pick(['', ' (RU)'])}`),
  cardLiveDigital: (rng) => `Xbox LIVE ${rng.chance(0.5) ? `Gold: ${rng.pick([1, 3, 6, 12])} мес.` : `${rng.pick([500, 1000, 1500, 2500])} руб.`} [Цифровая версия]`,
  cardPsn: buildCard('Playstation Store пополнение бумажника: Карта оплаты', [500, 1500, 2000, 2500, 3000, 5000], ''),
  cardWindows: buildCard('Windows Store: карта оплаты', [250, 500, 750, 1000, 1500, 2000, 3000], ' [Цифровая версия]'),
  enterprise1c: (rng) => `1С:${rng.pick(ENTERPRISE_PRODUCTS)} 8. ${rng.pick(ENTERPRISE_EDITIONS)}`,
  macSoftware: (rng) => `${buildSoftwareName(rng)} для Mac [MAC, Цифровая версия]`,
  homeOffice: (rng) => `${buildSoftwareName(rng)} [PC, ${rng.pick(['Box', 'Jewel', 'DVD-box', 'Коробочная версия'])}]`,
  homeOfficeDigital: (rng) => `${buildSoftwareName(rng)} [PC, Цифровая версия]`,
  educational: buildEducational('[PC, Jewel]'),
  educationalDigital: buildEducational('[PC, Цифровая версия]'),
};
