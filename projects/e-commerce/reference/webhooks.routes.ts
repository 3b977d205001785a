import type { FastifyPluginAsync } from 'fastify';
import type { PaymentsService } from './payments.service';

export interface WebhookRoutesOptions {
  payments: PaymentsService;
}

/** The payment provider's webhook. Its own plugin, so its raw-body parser applies to it alone. */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, { payments }) => {
  // the signature covers the bytes as sent: keep them, whatever the content type, and parse after verifying
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post('/webhooks/payments', async (request) => {
    await payments.receive({
      rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      timestamp: singleHeader(request.headers['webhook-timestamp']),
      signature: singleHeader(request.headers['webhook-signature']),
    });
    return { received: true };
  });
};

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
