import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export interface ContractOperation {
  operationId?: string;
  responses?: Record<string, ContractResponse>;
}

export interface ContractResponse {
  $ref?: string;
  description?: string;
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, { schema?: unknown }>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** A project's OpenAPI 3.1 contract, parsed, with the look-ups tests and the proof suite need. */
export interface Contract {
  readonly document: Record<string, unknown>;
  /** Every operation, as `{ method, path, operation }` with a lower-case method. */
  operations(): { method: string; path: string; operation: ContractOperation }[];
  /** The node a local `$ref` (`#/components/…`) points at, or undefined. */
  resolve(pointer: string): unknown;
  /** Every `$ref` string in the document. */
  refs(): string[];
  /** A response, following its `$ref` if it has one. */
  responseOf(response: ContractResponse): ContractResponse;
  /** A JSON Schema 2020-12 validator holding the contract's components, under `id`. */
  createValidator(): Ajv2020;
  /** The id the validator knows the components under: `${id}#/components/schemas/Link`. */
  readonly id: string;
}

/**
 * Reads and parses `openapi.yaml`; throws with the file's name when it is not YAML.
 * @example const contract = loadContract(project.contractPath, project.slug);
 */
export function loadContract(path: string, slug: string): Contract {
  const document = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const id = `urn:groundwork:${slug}`;
  const resolve = (pointer: string): unknown => {
    if (!pointer.startsWith('#/')) return undefined;
    return pointer
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
  };
  return {
    document,
    id,
    resolve,
    operations() {
      const paths = (document.paths ?? {}) as Record<string, Record<string, unknown>>;
      return Object.entries(paths).flatMap(([path, item]) =>
        HTTP_METHODS.filter((method) => method in item).map((method) => ({
          method,
          path,
          operation: item[method] as ContractOperation,
        })),
      );
    },
    refs: () => findRefs(document),
    responseOf: (response) =>
      response.$ref === undefined ? response : (resolve(response.$ref) as ContractResponse),
    createValidator() {
      // strict on unknown keywords and formats, but not on style: `anyOf: [{ required: [a] }, …]` says
      // "a or b", and `allOf: [{ $ref }, { required: [x] }]` needs no `type` of its own
      const ajv = new Ajv2020({
        strict: true,
        strictRequired: false,
        strictTypes: false,
        allowUnionTypes: true,
      });
      addFormats(ajv);
      // the document's other parts are not schemas; declaring the key lets strict mode accept the wrapper
      ajv.addKeyword('components');
      ajv.addSchema({ $id: id, components: document.components ?? {} });
      return ajv;
    },
  };
}

function findRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(findRefs);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : findRefs(value),
  );
}
