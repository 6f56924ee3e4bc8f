/**
 * Triple wrapping (RFC 2634 1.1) and a mail list agent's expansion of it (RFC 2634 4): Alice signs
 * a labelled entity, encrypts it, and signs the result again with the same security label; Diane,
 * the MLA, opens the outer layers and re-signs a re-encrypted copy for Bob and Erica, adding
 * mlExpansionHistory to her outer signature. Every layer is an application/pkcs7-mime entity.
 */
import type { CaseContext, CaseDef } from '../case.ts';
import { buildEnvelopedData } from '../cms/enveloped-data.ts';
import { buildSignedData } from '../cms/signed-data.ts';
import { mlExpansionHistoryAttr, securityLabelAttr, type MlDataSpec, type SecurityLabelSpec } from '../ess/attributes.ts';
import { describe } from '../ess/describe.ts';
import { pkcs7MimeEntity } from '../mime/entity.ts';
import { ktri } from './common.ts';
import { POLICY } from './ess.ts';
import { bytesOf, INNER_ENTITY_FILE, innerEntity, toMessage } from './smime-common.ts';

const RSA256 = { kind: 'rsa-pkcs1-sha', digest: 'sha256' } as const;
const LABEL: SecurityLabelSpec = { policy: POLICY, classification: 3, privacyMark: { pString: 'CMSI SAMPLE CONFIDENTIAL' } };

function signedEntity(ctx: CaseContext, signerId: string, content: string, attrs: readonly Uint8Array[], label: string): string {
  const signer = ctx.cast.get(signerId);
  return pkcs7MimeEntity(buildSignedData({
    content: bytesOf(content),
    signers: [{ identity: signer, signature: RSA256, signedAttrs: attrs }],
    certificates: [signer.certDer],
  }, ctx.rnd.fork(label)), 'signed-data');
}

function envelopedEntity(ctx: CaseContext, content: string, recipients: readonly string[], label: string): string {
  return pkcs7MimeEntity(buildEnvelopedData({
    content: bytesOf(content), cipher: 'aes-256-cbc',
    recipients: recipients.map((id) => ktri(ctx.cast, id, { padding: 'pkcs1' })),
  }, ctx.rnd.fork(label)), 'enveloped-data');
}

/** The inner signed entity: Alice's signature over the text, with the security label. */
const innerSigned = (ctx: CaseContext): string => signedEntity(ctx, 'alice-rsa', innerEntity(), [securityLabelAttr(LABEL)], 'inner');

const COMMON = {
  contentType: 'signedData' as const,
  format: 'smime' as const,
  algorithms: ['sha256' as const, 'rsa-pkcs1v15' as const, 'rsaes-pkcs1v15' as const, 'aes-256-cbc' as const],
  profiles: ['current' as const],
};

const tripleWrapped: CaseDef = {
  ...COMMON,
  id: 'ess/triple-wrapped',
  description: 'Triple-wrapped: Alice signs a labelled entity, envelopes it for Bob and Diane\'s list, and signs again with the same label',
  features: ['signed-data', 'enveloped-data', 'ktri', 'triple-wrapped', 'ess-security-label', 'smime-pkcs7-mime', 'smime-type-signed-data', 'smime-type-enveloped-data', 'nested-entities', 'transfer-base64'],
  requirements: ['rfc2634/1.1', 'rfc2634/1.1.1', 'rfc2634/3.2', 'rfc8551/3.7'],
  build(ctx) {
    const middle = envelopedEntity(ctx, innerSigned(ctx), ['bob-rsa', 'diane-rsa'], 'middle');
    const outer = signedEntity(ctx, 'alice-rsa', middle, [securityLabelAttr(LABEL)], 'outer');
    return {
      bytes: toMessage(ctx, 'ess/triple-wrapped', outer),
      ownContent: { name: INNER_ENTITY_FILE, bytes: bytesOf(innerEntity()) },
      signers: ['alice-rsa'], recipient: 'bob-rsa', layers: ['verify', 'decrypt', 'verify'],
      attributes: { securityLabel: describe(LABEL) },
    };
  },
};

const mlaExpansion: CaseDef = {
  ...COMMON,
  id: 'ess/ml-expansion/triple-wrapped',
  description: 'Diane as mail list agent expands the triple-wrapped message: re-enveloped for Bob and Erica, outer re-signed with mlExpansionHistory',
  features: ['signed-data', 'enveloped-data', 'ktri', 'triple-wrapped', 'ml-expansion', 'ess-ml-expansion-history', 'ess-security-label', 'smime-pkcs7-mime', 'smime-type-signed-data', 'smime-type-enveloped-data', 'nested-entities', 'transfer-base64', 'multiple-recipients'],
  requirements: ['rfc2634/4.2', 'rfc2634/4.2.3', 'rfc2634/4.4', 'rfc2634/3.2'],
  build(ctx) {
    const diane = ctx.cast.get('diane-rsa');
    const history: MlDataSpec[] = [{ mailList: { issuerAndSerial: diane.issuerAndSerial }, expansionTime: '20260115120500Z', policy: { none: true } }];
    const middle = envelopedEntity(ctx, innerSigned(ctx), ['bob-rsa', 'erica-rsa'], 'mla-middle');
    const outer = signedEntity(ctx, 'diane-rsa', middle, [securityLabelAttr(LABEL), mlExpansionHistoryAttr(history)], 'mla-outer');
    return {
      bytes: toMessage(ctx, 'ess/ml-expansion/triple-wrapped', outer),
      ownContent: { name: INNER_ENTITY_FILE, bytes: bytesOf(innerEntity()) },
      signers: ['diane-rsa', 'alice-rsa'], recipient: 'bob-rsa', layers: ['verify', 'decrypt', 'verify'],
      attributes: { securityLabel: describe(LABEL), mlExpansionHistory: describe(history) },
    };
  },
};

export const TRIPLE_WRAP_CASES: readonly CaseDef[] = [tripleWrapped, mlaExpansion];
