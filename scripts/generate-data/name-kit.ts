/**
 * Building blocks shared by the item-name styles: Russian and English titles, artists and
 * authors. Each function takes the random stream and returns one candidate string.
 */
import type { Random } from './random.js';
import {
  EN_ADJECTIVES, EN_FIRST_NAMES, EN_NOUNS, EN_SUBTITLES, EN_SURNAMES, RU_ADJECTIVES, RU_BAND_ADJECTIVES,
  RU_BAND_NOUNS, RU_COUNTED, RU_FIRST_NAMES, RU_GENITIVES, RU_NOUNS, RU_SURNAMES,
} from './name-words.js';

/** Picks a sequel marker as seen in real titles. */
function pickSequel(rng: Random): string {
  return rng.pick(['2', '3', '4', '5', 'II', 'III', 'IV', '2012', '2013', '2014', '2015', '3D', 'HD']);
}

/** Makes an adjective agree with a noun gender (hard -ЫЙ/-КИЙ/-ОЙ, or soft -НИЙ). */
function agreeAdjective(adjective: string, gender: string): string {
  if (gender === 'm') return adjective;
  if (adjective.endsWith('НИЙ')) return adjective.slice(0, -2) + (gender === 'f' ? 'ЯЯ' : 'ЕЕ');
  return adjective.slice(0, -2) + (gender === 'f' ? 'АЯ' : 'ОЕ');
}

/** "ИРИНА" + "ВОЛКОВ" -> "ИРИНА ВОЛКОВА": female first names end in А/Я in this list. */
function buildRussianPerson(rng: Random): string {
  const first = rng.pick(RU_FIRST_NAMES);
  const surname = rng.pick(RU_SURNAMES);
  const female = /[АЯ]$/.test(first) && /(ОВ|ЕВ|ИН)$/.test(surname);
  return `${first} ${surname}${female ? 'А' : ''}`;
}

/** Titles that start with a number, as many real film titles do ("12 ДРУЗЕЙ", "1944"). */
function buildNumberTitle(rng: Random): string {
  const roll = rng.float();
  if (roll < 0.2) return String(rng.intBetween(1900, 2099));
  if (roll < 0.35) return `${rng.intBetween(1, 99)}+${rng.intBetween(1, 9)}`;
  const count = rng.pick([5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 20, 21, 28, 47, 100, 300, 1000]);
  return `${count} ${rng.pick(RU_COUNTED)}${rng.chance(0.3) ? ' ' + rng.pick(RU_GENITIVES) : ''}`;
}

/** A Russian noun phrase in caps, e.g. "ТАЙНЫЙ КОД ИМПЕРИИ" or "ЛЕГЕНДА ДРАКОНА 2". */
export function buildRussianTitle(rng: Random): string {
  const [noun, gender] = rng.pick(RU_NOUNS).split(':');
  const adjectivePhrase = `${agreeAdjective(rng.pick(RU_ADJECTIVES), gender)} ${noun}`;
  const roll = rng.float();
  let title: string;
  if (roll < 0.3) title = adjectivePhrase;
  else if (roll < 0.55) title = `${noun} ${rng.pick(RU_GENITIVES)}`;
  else if (roll < 0.7) title = `${adjectivePhrase} ${rng.pick(RU_GENITIVES)}`;
  else if (roll < 0.85) title = `${noun} ${rng.pick(RU_GENITIVES)}: ${adjectivePhrase}`;
  else if (roll < 0.93) title = `${rng.chance(0.5) ? noun : adjectivePhrase} ${pickSequel(rng)}`;
  else title = buildNumberTitle(rng);
  return title;
}

/** An English title in title case, e.g. "Shadow Tactics: Reborn" or "Heroes of the Valley 2". */
export function buildEnglishTitle(rng: Random): string {
  const adjective = rng.pick(EN_ADJECTIVES);
  const noun = rng.pick(EN_NOUNS);
  const roll = rng.float();
  if (roll < 0.3) return `${adjective} ${noun}`;
  if (roll < 0.42) return `${noun} of the ${rng.pick(EN_NOUNS)}`;
  if (roll < 0.57) return `${adjective} ${noun} ${pickSequel(rng)}`;
  if (roll < 0.72) return `${adjective} ${noun}: ${rng.pick(EN_SUBTITLES)}`;
  if (roll < 0.77) return `The ${adjective} ${noun}`;
  if (roll < 0.8) return `${rng.intBetween(2, 99)} ${noun}`;
  if (roll < 0.88) return `${noun}: ${rng.pick(EN_SUBTITLES)}`;
  if (roll < 0.94) return `${adjective} ${noun}. ${rng.pick(EN_ADJECTIVES)} ${rng.pick(EN_NOUNS)}`;
  return `${rng.pick(['Football', 'Hockey', 'Rally', 'Tennis', 'Golf', 'Basketball'])} ${rng.pick(['Manager', 'Stars', 'Pro', 'Champions', 'Legends'])} ${rng.intBetween(2012, 2016)}`;
}

/** Lower-cases all but the first letter ("ТАЙНА ДРАКОНА" -> "Тайна дракона"). */
export function toSentenceCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** A band or artist name in caps, Latin or Cyrillic. */
export function buildArtist(rng: Random, latinShare: number): string {
  const latin = rng.chance(latinShare);
  const roll = rng.float();
  if (latin) {
    if (roll < 0.4) return `${rng.pick(EN_FIRST_NAMES)} ${rng.pick(EN_SURNAMES)}`;
    if (roll < 0.7) return `${rng.chance(0.4) ? 'THE ' : ''}${rng.pick(EN_ADJECTIVES)} ${rng.pick(EN_NOUNS)}`.toUpperCase();
    return `${rng.pick(EN_NOUNS)}${rng.chance(0.5) ? ' ' + rng.pick(EN_NOUNS) : ''}`.toUpperCase();
  }
  if (roll < 0.45) return buildRussianPerson(rng);
  if (roll < 0.8) return `${rng.pick(RU_BAND_ADJECTIVES)} ${rng.pick(RU_BAND_NOUNS)}`;
  return `${rng.pick(RU_BAND_NOUNS)}${rng.chance(0.3) ? ' ' + rng.intBetween(2, 99) : ''}`;
}

/** An author as "Фамилия И.О." (sentence case surname with initials). */
export function buildAuthor(rng: Random): string {
  const initials = `${rng.pick(RU_FIRST_NAMES).charAt(0)}.${rng.pick(RU_FIRST_NAMES).charAt(0)}.`;
  return `${toSentenceCase(rng.pick(RU_SURNAMES))} ${initials}`;
}

/** A book-like title in sentence case, sometimes quoted with «» (DATASET.md §1 mentions «»). */
export function buildBookTitle(rng: Random): string {
  const title = toSentenceCase(buildRussianTitle(rng));
  return rng.chance(0.15) ? `«${title}»` : title;
}
