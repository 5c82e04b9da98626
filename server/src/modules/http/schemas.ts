import { Type } from '@fastify/type-provider-typebox';
import { BAD_RATING_REASONS } from '../../protocol/index.js';

/** A rating's reason is one of the protocol's codes, so reports and follow-ups share one vocabulary. */
export const RatingReason = Type.Union(Object.keys(BAD_RATING_REASONS).map((k) => Type.Literal(k)));

export const BranchParams = Type.Object({ branchId: Type.String({ minLength: 1, maxLength: 64 }) });
export const Localized = Type.Object(
  {
    'zh-CN': Type.String({ minLength: 1, maxLength: 500 }),
    en: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
