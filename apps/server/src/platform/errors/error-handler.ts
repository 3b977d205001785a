import { type FieldError, PROBLEM_CONTENT_TYPE, type Problem } from '@groundwork/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import { ERROR_CATALOGUE, type ErrorCode, problemType } from './catalogue';

type ValidationIssue = {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
};

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

/** How a problem names the request body as a whole, rather than one of its fields. */
export const BODY_FIELD = '(body)';

/** Turns one validation issue into the fields at fault; an unknown-keys issue names each extra key. */
export function toFieldErrors(issue: ValidationIssue, context: string | undefined): FieldError[] {
  const base = (issue.instancePath ?? '').split('/').filter(Boolean).join('.');
  const prefix = context && context !== 'body' ? `${context}.` : '';
  const keys = issue.params?.keys;
  if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
    return keys.map((key) => ({
      field: prefix + (base ? `${base}.${String(key)}` : String(key)),
      message: 'This field is not allowed',
    }));
  }
  const message = issue.message ?? 'Invalid value';
  const field = prefix + (base || BODY_FIELD);
  if (issue.keyword === 'invalid_type' && /received undefined/.test(message)) {
    return [{ field, message: 'This field is required' }];
  }
  const plain = message.replace(/^Invalid input: /, '');
  return [{ field, message: plain.charAt(0).toUpperCase() + plain.slice(1) }];
}

/** Answers with the problem document for a catalogue code; the one place a problem is written. */
export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
) {
  const spec = ERROR_CATALOGUE[code];
  const problem: Problem = {
    type: problemType(code),
    title: spec.title,
    status: spec.status,
    detail,
    instance: request.url,
    code,
    requestId: request.id,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  if (extra.headers) reply.headers(extra.headers);
  return reply.status(spec.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(problem);
}

/** Registers the one error handler: every error a client sees is problem+json, and no stack ever leaves. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, request, error.code, error.detail, error.extra);
    }
    if (Array.isArray(error.validation)) {
      const errors = error.validation.flatMap((issue) =>
        toFieldErrors(issue as ValidationIssue, error.validationContext),
      );
      const fields = [...new Set(errors.map((e) => e.field))];
      const detail = `${fields.length === 1 ? 'This field is' : 'These fields are'} invalid: ${fields.join(', ')}.`;
      return sendProblem(reply, request, 'validation_failed', detail, { errors });
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped === 'body_too_large') {
      const detail = `The body is larger than ${request.routeOptions.bodyLimit} bytes.`;
      return sendProblem(reply, request, mapped, detail, {
        errors: [{ field: BODY_FIELD, message: detail }],
      });
    }
    if (mapped) return sendProblem(reply, request, mapped, error.message);
    if (error.statusCode === 429)
      return sendProblem(reply, request, 'rate_limited', ERROR_CATALOGUE.rate_limited.title);
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.warn({ err: error }, 'client error without a catalogue code');
      return sendProblem(reply, request, 'bad_request', ERROR_CATALOGUE.bad_request.title);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'internal_error', ERROR_CATALOGUE.internal_error.description);
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      'not_found',
      `No route matches ${request.method} ${request.url.split('?')[0]}.`,
    ),
  );
}
