import { createRandomSource, type RandomSource } from './random';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = `${LOWER}0123456789`;
const ADJECTIVES = [
  'amber',
  'brisk',
  'calm',
  'dusty',
  'eager',
  'fuzzy',
  'gentle',
  'hollow',
  'ivory',
  'jolly',
  'keen',
  'lucky',
  'misty',
  'noble',
  'olive',
  'proud',
  'quiet',
  'rapid',
  'sunny',
  'tidy',
];
const NOUNS = [
  'otter',
  'falcon',
  'maple',
  'harbor',
  'comet',
  'willow',
  'badger',
  'canyon',
  'ember',
  'glacier',
  'heron',
  'lagoon',
  'meadow',
  'nebula',
  'orchid',
  'pebble',
  'quartz',
  'raven',
  'summit',
  'tundra',
];
const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Linus',
  'Barbara',
  'Ken',
  'Margaret',
  'Dennis',
  'Radia',
  'Tim',
  'Frances',
  'Edsger',
];
const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Torvalds',
  'Liskov',
  'Thompson',
  'Hamilton',
  'Ritchie',
  'Perlman',
  'Berners-Lee',
  'Allen',
  'Dijkstra',
];

/**
 * Unique, reproducible test data. Each check gets its own stream derived from the run seed and the
 * check's id, so `--seed 42 --stage create-link` makes the same data as the full run with seed 42.
 */
export interface DataFactory {
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `length` characters from `alphabet` (default a–z0–9). */
  string(length: number, alphabet?: string): string;
  /** A unique lower-case slug, e.g. `brisk-otter-k3x9q2`; `prefix` replaces the words. */
  slug(prefix?: string): string;
  /** A unique address on example.com, e.g. `brisk.otter.k3x9q2@example.com`. */
  email(): string;
  /** A strong password that meets common rules (upper, lower, digit, symbol, 16+ characters). */
  password(): string;
  /** A display name, e.g. `Ada Lovelace`. */
  name(): string;
  /** A unique https URL on example.com, e.g. `https://example.com/articles/brisk-otter-k3x9q2?ref=7`. */
  url(): string;
  /** A random (version 4 format) UUID. */
  uuid(): string;
  /** A short sentence of made-up words. */
  sentence(words?: number): string;
}

/** @example const data = createDataFactory('42:create-link:returns-201'); data.email(); */
export function createDataFactory(seedText: string): DataFactory {
  return new SeededDataFactory(createRandomSource(seedText));
}

class SeededDataFactory implements DataFactory {
  constructor(private readonly random: RandomSource) {}

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}) needs integers with min <= max`);
    }
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() needs at least one item');
    return items[this.int(0, items.length - 1)] as T;
  }

  string(length: number, alphabet = ALPHANUMERIC): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  slug(prefix?: string): string {
    const words = prefix ?? `${this.pick(ADJECTIVES)}-${this.pick(NOUNS)}`;
    return `${words}-${this.uniqueSuffix()}`;
  }

  email(): string {
    return `${this.pick(ADJECTIVES)}.${this.pick(NOUNS)}.${this.uniqueSuffix()}@example.com`;
  }

  password(): string {
    const upper = this.string(3, LOWER.toUpperCase());
    return `${upper}${this.string(10)}${this.int(10, 99)}!#`;
  }

  name(): string {
    return `${this.pick(FIRST_NAMES)} ${this.pick(LAST_NAMES)}`;
  }

  url(): string {
    return `https://example.com/articles/${this.slug()}?ref=${this.int(1, 999)}`;
  }

  uuid(): string {
    const hex = this.string(32, '0123456789abcdef');
    const variant = '89ab'[this.int(0, 3)];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  sentence(words = 6): string {
    const parts = Array.from({ length: words }, () => this.pick([...ADJECTIVES, ...NOUNS]));
    const text = parts.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }

  // Six base-36 characters: ~2 billion values, so data from two checks or two runs do not collide.
  private uniqueSuffix(): string {
    return this.string(6);
  }
}
