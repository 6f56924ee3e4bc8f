/**
 * Near misses of EnvelopedData (issue 14 item 2): an originatorInfo that is present but empty,
 * and one whose version 2 attribute certificate makes the EnvelopedData version 3 though no
 * RecipientInfo is a pwri or ori. Both are legal (RFC 5652 6.1); each description names the
 * careless check it guards against.
 */
import { readDer } from '../../core/der/reader.ts';
import type { Algorithm } from '../../core/vocabulary.ts';
import type { CaseDef } from '../case.ts';
import { buildEnvelopedData, type OriginatorInfoSpec } from '../cms/enveloped-data.ts';
import type { CaseContext } from '../case.ts';
import { v2AttributeCertificate } from '../x509/other-certificates.ts';
import { ktri, profilesFor } from './common.ts';

const ALGS: readonly Algorithm[] = ['rsaes-pkcs1v15', 'aes-128-cbc'];

/** The encoded issuer, subject and serial of a cast certificate. */
function names(der: Uint8Array): { issuer: Uint8Array; subject: Uint8Array; serial: Uint8Array } {
  const tbs = readDer(der).root!.children[0]!.children;
  const s = tbs[1]!;
  const serial = der.slice(s.contentOffset, s.end);
  return { issuer: der.slice(tbs[3]!.offset, tbs[3]!.end), subject: der.slice(tbs[5]!.offset, tbs[5]!.end), serial: serial[0] === 0 ? serial.subarray(1) : serial };
}

function envelopedNearMiss(name: string, description: string, requirements: readonly string[], originatorInfo: (ctx: CaseContext) => OriginatorInfoSpec): CaseDef {
  return {
    id: `enveloped-data/near-miss/${name}`,
    description,
    contentType: 'envelopedData',
    format: 'der',
    features: ['enveloped-data', 'der', 'ktri', 'sid-issuer-serial', 'originator-info'],
    algorithms: [...ALGS],
    requirements: ['rfc5652/6.1', 'rfc5652/6.2', ...requirements],
    profiles: profilesFor(ALGS),
    build: (ctx) => ({
      bytes: buildEnvelopedData({ content: ctx.content('message'), cipher: 'aes-128-cbc', recipients: [ktri(ctx.cast, 'bob-rsa', { padding: 'pkcs1' })], originatorInfo: originatorInfo(ctx) }, ctx.rnd),
      content: 'message',
      recipient: 'bob-rsa',
    }),
  };
}

export const NEAR_MISS_ENVELOPED: readonly CaseDef[] = [
  envelopedNearMiss(
    'originator-info-empty',
    'EnvelopedData version 2 with an originatorInfo that is present and empty (both of its fields are OPTIONAL, RFC 5652 6.1); guards against a parser that requires certs or crls inside it, or a version check that keeps 0 because nothing is in it',
    [],
    () => ({}),
  ),
  envelopedNearMiss(
    'v3-for-v2-attribute-certificate',
    'EnvelopedData version 3 because its originatorInfo carries a version 2 attribute certificate (RFC 5652 6.1), with a single version 0 KeyTransRecipientInfo; guards against a version check that allows 3 only with pwri or ori recipients',
    ['rfc5652/10.2.2'],
    (ctx) => {
      const alice = names(ctx.cast.get('alice-rsa').certDer);
      return {
        certificates: [ctx.cast.get('alice-rsa').certDer, v2AttributeCertificate({
          holderIssuer: alice.issuer, holderSerial: alice.serial, issuer: names(ctx.cast.get('carl-rsa').certDer).subject,
          serial: Uint8Array.of(0x41, 0x43), role: 'urn:example:cms-interop:role:originator',
        }, ctx.cast.get('carl-rsa').key!)],
      };
    },
  ),
];
