import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/**
 * A timestamp column as its UTC calendar day, `YYYY-MM-DD`: one definition, so the progress timeline
 * and the activity streak always agree on what a day is.
 * @example db.selectDistinct({ day: utcDay(progressEvents.at) }).from(progressEvents)
 */
export function utcDay(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;
}
