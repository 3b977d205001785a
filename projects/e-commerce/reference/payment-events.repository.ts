import type { SqlClient } from './database';
import type { PaymentEvent } from './schemas';

export type PaymentEventsRepository = ReturnType<typeof createPaymentEventsRepository>;

export function createPaymentEventsRepository(db: SqlClient) {
  return {
    /** Records the event; false when its id was recorded before (a redelivery). */
    async record(event: PaymentEvent, rawBody: string): Promise<boolean> {
      const { rows } = await db.query(
        `INSERT INTO payment_events (id, type, payload) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type, rawBody],
      );
      return rows.length > 0;
    },
  };
}
