/**
 * Node-RED's message "parts": what Split attaches to each piece so Join can put the whole back
 * together — which sequence it belongs to, its place, how many there are and what they came
 * from.
 */
import { z } from '@plexus/core';

export const partsSchema = z.object({
  id: z.string().describe('The sequence the piece belongs to.'),
  index: z.number().int().describe('Its place in the sequence, from 0.'),
  count: z.number().int().describe('How many pieces the sequence has.'),
  type: z.enum(['array', 'object', 'string']).describe('What was split.'),
  key: z.string().optional().describe("For an object: the piece's key."),
  ch: z.string().optional().describe('For a string split at a separator: the separator.'),
  len: z.number().int().optional().describe('For pieces of fixed length: the length.'),
});

export type Parts = z.output<typeof partsSchema>;

/** A piece as Split sends it when it splits whole messages. */
export const pieceSchema = z.object({ payload: z.unknown(), parts: partsSchema });
