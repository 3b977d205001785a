import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { pathOf } from '../http/exchange-error';
import type { HttpResponse } from '../http/types';
import { describeCompression } from './content-encoding';
import type { ExpectOptions } from './expect';
import type { Failure } from './verdict';

/** A JSON Schema (2020-12, as in OpenAPI 3.1), e.g. a response schema from the project's contract. */
export type JsonSchema = Record<string, unknown> | boolean;

const ajv = new Ajv2020({ allErrors: false, strict: false, validateFormats: true });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  if (typeof schema === 'boolean') return ajv.compile(schema);
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * The JSON body validates against `schema`. Extra fields pass unless the schema forbids them.
 * @example expectMatchesSchema(res, contract.components.schemas.Link)
 */
export function expectMatchesSchema(
  res: HttpResponse,
  schema: JsonSchema,
  options: ExpectOptions = {},
): Failure | undefined {
  const body = res.json();
  const request = `${res.method} ${pathOf(res.url)}`;
  const base = {
    status: 'fail' as const,
    exchange: res.exchange,
    ...(options.topic ? { topic: options.topic } : {}),
  };
  if (body === undefined) {
    const compression = describeCompression(res);
    const actual =
      compression !== undefined
        ? `a body ${compression}`
        : res.body.length === 0
          ? 'an empty body'
          : 'a body that is not JSON';
    return {
      ...base,
      expected: 'a JSON body that follows the contract',
      actual,
      hint:
        options.hint ??
        `${request} should answer with JSON that follows the API contract, but the body is ${compression ?? 'not JSON'}.`,
    };
  }
  const validate = validatorFor(schema);
  if (validate(body)) return undefined;
  const problem = describeSchemaError(validate.errors?.[0]);
  return {
    ...base,
    expected: 'a body that follows the contract',
    actual: problem,
    hint: options.hint ?? `The JSON from ${request} does not follow the API contract: ${problem}.`,
  };
}

function describeSchemaError(error: ErrorObject | undefined): string {
  if (!error) return 'it does not match the schema';
  const where = error.instancePath === '' ? 'the body' : error.instancePath.slice(1).replaceAll('/', '.');
  if (error.keyword === 'required') return `${where} is missing "${String(error.params.missingProperty)}"`;
  return `${where} ${error.message ?? 'does not match the schema'}`;
}
