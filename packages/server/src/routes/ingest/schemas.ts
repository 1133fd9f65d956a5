import { Type } from '@sinclair/typebox';
import { SegmentBatch, SegmentMessage } from '@waymark/core';

export const CaptureResponse = Type.Object(
  {
    success: Type.Literal(true),
    accepted: Type.Integer({ description: 'Messages stored.' }),
    duplicates: Type.Integer({ description: 'Messages already stored earlier (same messageId), not stored again.' }),
    skipped: Type.Integer({ description: 'Messages the caller excluded with integrations.Waymark = false.' }),
  },
  { $id: 'CaptureResponse' },
);

export { SegmentBatch, SegmentMessage };
