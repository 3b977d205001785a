import { is, type Matcher } from '@groundwork/grader';

// RFC 3339 section 5.6: seconds and a time zone are required; "t" and a space may stand in for "T"
const RFC_3339_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([Zz]|[+-]\d{2}:\d{2})$/;

/** The instant an RFC 3339 date-time names, in ms since the epoch; undefined for anything else. */
export function parseRfc3339(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = RFC_3339_DATE_TIME.exec(value);
  if (parts === null) return undefined;
  const [, date, time, zone] = parts;
  const instant = Date.parse(`${date}T${time}${zone?.toUpperCase()}`);
  return Number.isNaN(instant) ? undefined : instant;
}

/** Matches an RFC 3339 date-time with a time zone; instants are compared, not spellings. */
export function isRfc3339(): Matcher {
  return is.where(
    'an RFC 3339 date-time with a time zone, e.g. 2030-01-31T12:00:00.000Z',
    (value) => parseRfc3339(value) !== undefined,
  );
}
