import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from './errors/app-error';
import { BODY_FIELD } from './errors/error-handler';

function bodyError(message: string): AppError {
  return new AppError('malformed_json', message, { errors: [{ field: BODY_FIELD, message }] });
}

/**
 * Replaces Fastify's JSON parser with one that says where the JSON broke, and drops the text/plain
 * parser: bodies are JSON only, which also keeps cross-site HTML forms (which cannot send JSON) out.
 */
export function registerJsonParser(app: FastifyInstance) {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim().length === 0) {
      done(bodyError('The body is empty; send a JSON object.'), undefined);
      return;
    }
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      const reason =
        error instanceof SyntaxError
          ? error.message
          : 'It contains a forbidden __proto__ or constructor key.';
      done(bodyError(`The body is not valid JSON: ${reason}`), undefined);
    }
  });
}
