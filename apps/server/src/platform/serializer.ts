import fastJson from 'fast-json-stringify';
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify/types/schema';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type CompilerInput = Parameters<FastifySerializerCompiler<unknown>>[0];

function asZod(schema: unknown): z.ZodType | undefined {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | undefined)?.properties;
  return properties instanceof z.ZodType ? properties : undefined;
}

/**
 * Serialises responses with fast-json-stringify, compiled once per route from the route's zod schema
 * (the same compiler Fastify uses for JSON Schema routes). Only declared fields are written, so a
 * handler that returns a whole database row cannot leak its other columns. A schema that JSON Schema
 * cannot express (an empty 204 body, say) falls back to zod's own serializer.
 */
export const serializerCompiler: FastifySerializerCompiler<unknown> = (input: CompilerInput) => {
  const zodSchema = asZod(input.schema);
  if (zodSchema) {
    try {
      const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(zodSchema, {
        target: 'draft-7',
        io: 'output',
        unrepresentable: 'throw',
      }) as Record<string, unknown>;
      const stringify = fastJson(jsonSchema as unknown as Parameters<typeof fastJson>[0]);
      return (data: unknown) => stringify(data);
    } catch {
      // fall through to the zod serializer
    }
  }
  return (zodSerializerCompiler as unknown as FastifySchemaCompiler<unknown>)(input as never) as unknown as (
    data: unknown,
  ) => string;
};
