import { z } from 'zod';
import { AppError } from './errors/app-error';

/** A keyset position: the sort key of the last row a client saw (`t`, when sorting by time) and its id. */
export type CursorPayload = { id: string; t?: string | undefined };

/** Opaque pagination cursors: clients pass them back unchanged and cannot depend on what is inside. */
export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/**
 * Decodes a cursor this API gave out; anything else is a 400 naming the field, never a database error.
 * @example decodeCursor(query.cursor, 'cursor', { id: z.uuid(), withTime: true })
 */
export function decodeCursor(
  cursor: string,
  field: string,
  shape: { id: z.ZodType<string>; withTime: boolean },
): { id: string; t: Date | undefined } {
  const schema = z.object({
    id: shape.id,
    t: shape.withTime ? z.iso.datetime() : z.undefined(),
  });
  try {
    const parsed = schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { id: parsed.id, t: parsed.t ? new Date(parsed.t) : undefined };
  } catch {
    throw AppError.invalidField(field, 'This cursor is not one this API gave out');
  }
}
