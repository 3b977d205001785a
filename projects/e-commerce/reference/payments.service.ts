import type { FaultId } from '../faults';
import type { Database } from './database';
import { problems } from './errors';
import { createOrdersRepository } from './orders.repository';
import { createPaymentEventsRepository } from './payment-events.repository';
import { PaymentEvent, PaymentSucceeded } from './schemas';
import { isSignatureValid, isTimestampFresh, parseTimestamp } from './webhook-signature';

/** A webhook delivery exactly as it arrived. */
export interface WebhookDelivery {
  rawBody: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;

export function createPaymentsService(db: Database, webhookSecret: string, fault?: FaultId) {
  /** The delivery's event if the provider signed it, recently; a 400 otherwise, and nothing changes. */
  function verify({ rawBody, timestamp: timestampHeader, signature }: WebhookDelivery): PaymentEvent {
    const timestamp = parseTimestamp(timestampHeader);
    if (timestamp === undefined) throw problems.webhookTimestampInvalid();
    const isSigned =
      fault === 'signature-unchecked' || isSignatureValid(webhookSecret, timestamp, rawBody, signature);
    if (!isSigned) throw problems.webhookSignatureInvalid();
    // a correctly signed delivery captured last week is still a replay
    if (fault !== 'timestamp-unchecked' && !isTimestampFresh(timestamp, Date.now())) {
      throw problems.webhookTimestampInvalid();
    }
    return parseEvent(rawBody);
  }

  return {
    /**
     * Applies a payment event once: the event id is recorded in the same transaction as its effect, so a
     * redelivery (providers deliver at least once) is acknowledged and ignored.
     */
    async receive(delivery: WebhookDelivery): Promise<void> {
      const event = verify(delivery);
      await db.transaction(async (tx) => {
        const isNew = await createPaymentEventsRepository(tx).record(
          event,
          delivery.rawBody.toString('utf8'),
        );
        if (!isNew && fault !== 'event-id-not-deduplicated') return;
        if (event.type !== 'payment.succeeded' || fault === 'webhook-ignored') return;
        const payment = PaymentSucceeded.safeParse(event.data);
        // a payment for an unknown order, another amount or an order no longer pending is recorded, not applied
        if (payment.success)
          await createOrdersRepository(tx).markPaid(payment.data.orderId, payment.data.amount);
      });
    },
  };
}

function parseEvent(rawBody: Buffer): PaymentEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw problems.webhookEventInvalid('The body must be a JSON payment event.');
  }
  const result = PaymentEvent.safeParse(json);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const field = issue?.path[0];
  throw problems.webhookEventInvalid(
    issue?.message ?? 'The body must be a payment event.',
    field === undefined ? undefined : String(field),
  );
}
