/**
 * Item-name styles for movies, music and books, modelled on the real catalogue's habits:
 * caps Russian film titles with a format suffix, legacy DVD names padded with spaces and a
 * trailing "D", "ARTIST  Album" with two spaces, "(mp3-CD) (Jewel)", "LP", quoted book titles.
 */
import type { Random } from './random.js';
import { buildArtist, buildAuthor, buildBookTitle, buildEnglishTitle, buildRussianTitle, toSentenceCase } from './name-kit.js';
import { EN_ALBUMS, RU_ALBUMS } from './name-words.js';

/** A name generator for one style. */
export type NameStyle = (rng: Random) => string;

/** A film title: mostly Russian caps, sometimes English caps. */
function buildFilmTitle(rng: Random): string {
  return rng.chance(0.8) ? buildRussianTitle(rng) : buildEnglishTitle(rng).toUpperCase();
}

/** The legacy DVD layout: text padded to a fixed column, then "D" (DATASET.md §1). */
function padLegacy(text: string, rng: Random): string {
  const width = rng.chance(0.6) ? 40 : 44;
  return text.length >= width ? `${text} D` : `${text.padEnd(width)}D`;
}

function buildDvd(rng: Random): string {
  const title = buildFilmTitle(rng);
  const roll = rng.float();
  if (roll < 0.2) {
    const prefix = rng.chance(0.08) ? rng.pick(['!', '***', '!!']) + (rng.chance(0.5) ? ' ' : '') : '';
    const tag = rng.pick(['ПЛАСТ.', 'UNV', 'Позитив', 'Лиц.', 'DVD-box', 'Юниверсал', 'рег.']);
    const gap = rng.chance(0.3) ? '   ' : ' ';
    return padLegacy(`${prefix}${title}${gap}(${tag})`, rng);
  }
  if (roll < 0.3) return `${title}. СЕЗОН ${rng.intBetween(1, 7)} (${rng.intBetween(2, 6)}DVD)`;
  if (roll < 0.35) return `${title} (mp4)`;
  return title + rng.pick(['', '', '', ' (регион)', ' (регион)', ' (DVD)', ' (2DVD)', ' (Лицензия)', ' (Позитив)']);
}

function buildBluRay(rng: Random): string {
  const suffix = rng.pick(['(BD)', '(BD)', '(BD)', '(Blu-Ray)', '(BD+DVD)', '(Blu-Ray) (Steelbook)', '(2BD)']);
  return `${buildFilmTitle(rng)} ${suffix}`;
}

function buildBluRay3d(rng: Random): string {
  return `${buildFilmTitle(rng)} ${rng.pick(['3D (BD)', '(3D BD)', '(Blu-Ray 3D + 2D)', '3D (2BD)'])}`;
}

function buildBluRay4k(rng: Random): string {
  return `${buildFilmTitle(rng)} (4K UHD Blu-Ray)`;
}

function buildMovieCollection(rng: Random): string {
  const title = buildFilmTitle(rng);
  const roll = rng.float();
  if (roll < 0.35) return `${title}. КОЛЛЕКЦИЯ (${rng.intBetween(2, 8)}DVD)`;
  if (roll < 0.6) return `${title} (Коллекционное издание) (${rng.pick(['BD', 'DVD', '2BD', 'BD+DVD'])})`;
  if (roll < 0.8) return `${title}. ${rng.pick(['ТРИЛОГИЯ (3BD)', 'ТРИЛОГИЯ (3DVD)', 'КВАДРИЛОГИЯ (4DVD)', 'ДИЛОГИЯ (2BD)'])}`;
  return `${title} (Подарочное издание) (${rng.pick(['DVD', 'BD', 'DVD+книга'])})`;
}

/** An album title matching the artist's script. */
function buildAlbum(rng: Random, artist: string): string {
  const latinArtist = /^[A-Z]/.test(artist);
  const album = latinArtist || rng.chance(0.15) ? rng.pick(EN_ALBUMS) : rng.pick(RU_ALBUMS);
  const roll = rng.float();
  if (roll < 0.2) return `${album} ${rng.intBetween(1995, 2015)}`;
  if (roll < 0.35) return `${album} – ${rng.pick(['Vol. 1', 'Vol. 2', 'Part II', 'Live', 'Remix'])}`;
  if (roll < 0.5) return latinArtist ? buildEnglishTitle(rng) : toSentenceCase(buildRussianTitle(rng));
  return album;
}

function buildMusic(rng: Random, latinShare: number, layout: (artist: string, album: string) => string): string {
  const artist = buildArtist(rng, latinShare);
  return layout(artist, buildAlbum(rng, artist));
}

function buildCdLocal(rng: Random): string {
  if (rng.chance(0.1)) return `Сборник  ${rng.pick(RU_ALBUMS)} ${rng.intBetween(2005, 2015)}${rng.chance(0.3) ? ' (2CD)' : ''}`;
  return buildMusic(rng, 0.4, (artist, album) =>
    `${artist}${rng.chance(0.75) ? '  ' : ' '}${album}${rng.pick(['', '', '', ' (digipack)', ' (2CD)', ' (CD+DVD)'])}`,
  );
}

function buildCdBranded(rng: Random): string {
  return buildMusic(rng, 0.85, (artist, album) =>
    rng.chance(0.6) ? `${artist}  ${album} (фирм.)` : `${artist} ${album} ${rng.intBetween(2, 4)}CD (Фирм.)`,
  );
}

function buildMp3(rng: Random): string {
  return buildMusic(rng, 0.45, (artist, album) => `${artist}  ${album} (mp3-CD)${rng.chance(0.7) ? ' (Jewel)' : ' (Digipack)'}`);
}

function buildVinyl(rng: Random): string {
  return buildMusic(rng, 0.8, (artist, album) => `${artist}  ${album}  ${rng.pick(['LP', 'LP', 'LP', '2LP', '3LP', 'LP (Picture Disc)'])}`);
}

function buildMusicVideo(rng: Random): string {
  const place = rng.pick(['Live In Moscow', 'Live At Wembley', 'Live In Paris', 'Концерт в Кремле', 'Live In Tokyo', 'Юбилейный концерт']);
  return buildMusic(rng, 0.6, (artist) => `${artist}  ${place} ${rng.intBetween(1990, 2014)} (${rng.pick(['DVD', 'BD', '2DVD'])})`);
}

function buildMusicGift(rng: Random): string {
  return buildMusic(rng, 0.6, (artist, album) =>
    `${artist}  ${album} (Подарочное издание) (${rng.pick(['CD+DVD', 'Box Set', '2CD+книга', '5CD'])})`,
  );
}

function buildAudiobook(rng: Random, format: string): string {
  return rng.chance(0.7) ? `${buildAuthor(rng)}  ${buildBookTitle(rng)} ${format}` : `${buildBookTitle(rng)} (Аудиокнига) ${format}`;
}

function buildComics(rng: Random): string {
  const number = rng.chance(0.3) ? `Выпуск №${rng.intBetween(1, 40)}` : `Том ${rng.intBetween(1, 12)}`;
  const roll = rng.float();
  if (roll < 0.45) return `Комикс ${buildEnglishTitle(rng)}. ${number}`;
  if (roll < 0.75) return `Манга ${buildEnglishTitle(rng)}. ${number}`;
  return `Комикс «${toSentenceCase(buildRussianTitle(rng))}» ${number}`;
}

function buildBook1c(rng: Random): string {
  const product = rng.pick(['Бухгалтерия 8', 'Предприятие 8.2', 'Предприятие 8.3', 'Зарплата и управление персоналом 8', 'Управление торговлей 8', 'Управление небольшой фирмой 8']);
  const topic = rng.pick(['Практическое пособие', 'Учебная версия', 'Официальное издание', 'Руководство пользователя', 'Сборник задач', 'Разработка прикладных решений', 'Конфигурирование и администрирование', 'Самоучитель', 'Типовые операции']);
  // "1С" uses a Cyrillic С (U+0421), as in the category names (DATASET.md §5).
  const edition = rng.chance(0.4) ? ` (издание ${rng.intBetween(2, 5)})` : rng.chance(0.3) ? ` ${rng.intBetween(2012, 2015)}` : '';
  return rng.chance(0.6) ? `1С:${product}. ${topic}${edition}` : `Книга "1С:${product}. ${topic}"${edition}`;
}

/** Media styles by key. */
export const MEDIA_STYLES: Readonly<Record<string, NameStyle>> = {
  dvd: buildDvd,
  bluray: buildBluRay,
  bluray3d: buildBluRay3d,
  bluray4k: buildBluRay4k,
  movieCollection: buildMovieCollection,
  cdLocal: buildCdLocal,
  cdBranded: buildCdBranded,
  mp3: buildMp3,
  vinyl: buildVinyl,
  musicVideo: buildMusicVideo,
  musicGift: buildMusicGift,
  artbook: (rng) =>
    rng.chance(0.5) ? `Артбук «Мир игры ${buildEnglishTitle(rng)}»` : `Энциклопедия "${buildBookTitle(rng)}"`,
  audiobook: (rng) => buildAudiobook(rng, rng.chance(0.8) ? '(mp3-CD) (Jewel)' : '(2 mp3-CD)'),
  audiobookDigital: (rng) => buildAudiobook(rng, '(Цифровая версия)'),
  audiobook1c: (rng) => `1С:Аудиокниги. ${buildAudiobook(rng, '(mp3-CD) (Jewel)')}`,
  bookBusiness: (rng) => `Книга "${buildBookTitle(rng)}. ${rng.pick(['Практическое руководство', 'Стратегия', 'Секреты успеха'])}"`,
  comics: buildComics,
  bookComputer: (rng) => `Книга "Самоучитель ${buildEnglishTitle(rng)} ${rng.intBetween(2010, 2015)}"`,
  book1c: buildBook1c,
  bookPostcard: (rng) => `Набор открыток "${buildBookTitle(rng)}"`,
  bookCognitive: (rng) => `Книга "${buildBookTitle(rng)}. Энциклопедия для детей"`,
  bookGuide: (rng) => `Путеводитель "${buildBookTitle(rng)}"`,
  bookFiction: (rng) => `${buildAuthor(rng)} ${buildBookTitle(rng)} (книга)`,
  bookDigital: (rng) => `${buildAuthor(rng)} ${buildBookTitle(rng)} (Цифровая версия)`,
};
