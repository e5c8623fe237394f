import { faker as deFaker } from '@faker-js/faker/locale/de';
import { faker as deChFaker } from '@faker-js/faker/locale/de_CH';
import { faker as enAuFaker } from '@faker-js/faker/locale/en_AU';
import { faker as enCaFaker } from '@faker-js/faker/locale/en_CA';
import { faker as enGbFaker } from '@faker-js/faker/locale/en_GB';
import { faker as enInFaker } from '@faker-js/faker/locale/en_IN';
import { faker as enUsFaker } from '@faker-js/faker/locale/en_US';
import { faker as esFaker } from '@faker-js/faker/locale/es';
import { faker as frFaker } from '@faker-js/faker/locale/fr';
import { faker as itFaker } from '@faker-js/faker/locale/it';
import { faker as nlFaker } from '@faker-js/faker/locale/nl';
import { faker as plFaker } from '@faker-js/faker/locale/pl';
import { faker as ptBrFaker } from '@faker-js/faker/locale/pt_BR';
import { faker as svFaker } from '@faker-js/faker/locale/sv';
import type { Random } from '../core/random';

/**
 * Names come from faker's locale word lists, but are picked with our own Random: faker's shared
 * instances carry global seeds, and two generations running side by side must not disturb each other.
 */
const FAKERS = {
  de: deFaker, de_CH: deChFaker, en_AU: enAuFaker, en_CA: enCaFaker, en_GB: enGbFaker, en_IN: enInFaker,
  en_US: enUsFaker, es: esFaker, fr: frFaker, it: itFaker, nl: nlFaker, pl: plFaker, pt_BR: ptBrFaker, sv: svFaker,
} as const;

interface NamePool {
  female: readonly string[];
  male: readonly string[];
  last: readonly string[];
  phoneFormats: readonly string[];
}

const pools = new Map<string, NamePool>();

function namePool(locale: string): NamePool {
  const cached = pools.get(locale);
  if (cached) return cached;
  const faker = FAKERS[locale as keyof typeof FAKERS] ?? FAKERS.en_US;
  const person = faker.definitions.person;
  const first = person.first_name as { female?: string[]; male?: string[]; generic?: string[] };
  const last = person.last_name as { generic?: string[]; female?: string[]; male?: string[] };
  const formats = faker.definitions.phone_number.format as { human?: string[] };
  const clean = (names: readonly string[] | undefined) => (names ?? []).filter((name) => /^[\p{L}' -]+$/u.test(name));
  const pool: NamePool = {
    female: clean(first.female ?? first.generic),
    male: clean(first.male ?? first.generic),
    last: clean(last.generic ?? [...(last.male ?? []), ...(last.female ?? [])]),
    phoneFormats: (formats.human ?? ['+## ### ### ####']).filter((format) => !format.includes('x')),
  };
  pools.set(locale, pool);
  return pool;
}

export interface PersonName {
  firstName: string;
  lastName: string;
}

export function personName(rng: Random, locale: string): PersonName {
  const pool = namePool(locale);
  return { firstName: rng.pick(rng.chance(0.5) ? pool.female : pool.male), lastName: rng.pick(pool.last) };
}

export function lastName(rng: Random, locale: string): string {
  return rng.pick(namePool(locale).last);
}

export function phoneNumber(rng: Random, locale: string): string {
  const format = rng.pick(namePool(locale).phoneFormats);
  let out = '';
  for (const char of format) {
    if (char === '#') out += String(rng.int(0, 9));
    else if (char === '!') out += String(rng.int(2, 9));
    else out += char;
  }
  return out;
}

const ASCII_FOLDS: Record<string, string> = { ß: 'ss', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', æ: 'ae', Æ: 'ae', œ: 'oe', đ: 'd' };

/** Lower-case ASCII for email addresses and domains: "Jürgen Groß" -> "jurgen", "gross". */
export function asciiSlug(text: string): string {
  return text
    .replace(/[ßøØłŁæÆœđ]/g, (char) => ASCII_FOLDS[char] ?? char)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** The local part of a work address, in the styles companies use. */
export function emailLocalPart(rng: Random, name: PersonName): string {
  const first = asciiSlug(name.firstName) || 'contact';
  const last = asciiSlug(name.lastName) || 'person';
  const style = rng.float();
  if (style < 0.55) return `${first}.${last}`;
  if (style < 0.75) return `${first[0]}${last}`;
  if (style < 0.87) return first;
  if (style < 0.95) return `${first}${last[0]}`;
  return `${first}_${last}`;
}
