/**
 * The fields EnvelopedData, AuthEnvelopedData and AuthenticatedData begin with (RFC 5652 6.1, 9.1,
 * RFC 5083 2.1): version, [0] IMPLICIT originatorInfo OPTIONAL, recipientInfos. Each view reads
 * its own fields from `next` on.
 */
import type { DerNode } from '../../core/der/reader.ts';
import { where, type CheckContext, type Located } from '../context.ts';
import { at, expectUniversal, intValue, isContext, UNIVERSAL } from './fields.ts';
import { originatorInfo, recipientInfos, type OriginatorInfoView, type RecipientInfosView } from './recipient-infos.ts';

export interface EnvelopeHead {
  readonly version: number | null;
  readonly versionAt: Located;
  readonly originatorInfo: OriginatorInfoView | null;
  readonly recipientInfos: RecipientInfosView;
  /** All the structure's fields, and the index of the first one after recipientInfos. */
  readonly fields: readonly DerNode[];
  readonly next: number;
}

export function envelopeHead(ctx: CheckContext, l: Located, type: string): EnvelopeHead | null {
  if (!expectUniversal(ctx, l, UNIVERSAL.SEQUENCE, type)) return null;
  const f = l.node.children;
  const v = f[0];
  if (!v) return ctx.structure(`${type} is empty`, where(l));
  const versionAt = at(`${l.path}.version`, v);
  const version = intValue(ctx, versionAt, `${type} version`);
  let i = 1;
  let oi: OriginatorInfoView | null = null;
  if (f[i] && isContext(f[i], 0)) {
    oi = originatorInfo(ctx, at(`${l.path}.originatorInfo`, f[i]!));
    i++;
  }
  const riNode = f[i++];
  if (!riNode) return ctx.structure(`${type} has no recipientInfos`, where(l));
  const ris = recipientInfos(ctx, at(`${l.path}.recipientInfos`, riNode));
  if (!ris) return null;
  return { version, versionAt, originatorInfo: oi, recipientInfos: ris, fields: f, next: i };
}
