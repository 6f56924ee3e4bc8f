/**
 * The exact shapes of OpenSSL's CMS NULL-dereference advisories (the RecipientInfoNullShape
 * samples elsewhere are siblings): a field the code reads without checking that it is there.
 * - CVE-2026-28389: an ECDH KeyAgreeRecipientInfo whose keyEncryptionAlgorithm has no
 *   parameters, where RFC 5753 3.1.1 puts the KeyWrapAlgorithm;
 * - CVE-2026-28390: an RSAES-OAEP KeyTransRecipientInfo whose pSourceFunc is id-pSpecified with
 *   no parameters, where RFC 3560 3 puts the OCTET STRING P.
 * Both are edits of the finished message (the key wrap and the key transport are untouched).
 */
import { explicit, oid, seq } from '../../../core/der/encode.ts';
import { OID } from '../../../core/oids.ts';
import type { Mutation } from '../mutation.ts';
import { insertNode, nodeAt, replaceNode } from '../tlv-edit.ts';
import { recipientInfoPath } from '../enveloped/common.ts';

export const RECIPIENT_PARAMS_ABSENT: readonly Mutation[] = [
  {
    id: 'invalid/attack-classes/kari-key-encryption-alg-no-params',
    description: 'ECDH KeyAgreeRecipientInfo whose keyEncryptionAlgorithm (dhSinglePass-stdDH-sha256kdf-scheme) has no parameters, where RFC 5753 3.1.1 requires the KeyWrapAlgorithm (OpenSSL CVE-2026-28389: a NULL dereference on exactly this); a receiver that reads the absent parameters crashes or guesses a key wrap',
    stage: 'after',
    base: 'enveloped-data/ecdh-p256/aes-128-cbc',
    requirements: ['rfc5753/3.1.1/ecdh-key-encryption-alg'],
    flag: 'RecipientInfoNullShape',
    expected: 'invalid',
    apply: ({ base }) => {
      // KeyAgreeRecipientInfo [1] { version, [0] originator, [1] ukm OPTIONAL, keyEncryptionAlgorithm, recipientEncryptedKeys }.
      const ri = recipientInfoPath(base, 0);
      const kari = nodeAt(base, ri);
      if (kari.cls !== 'context' || kari.tag !== 1) throw new Error('kari mutation: recipientInfos[0] is not a KeyAgreeRecipientInfo');
      const k = kari.children.length - 2;
      const alg = nodeAt(base, [...ri, k]);
      const algOid = base.slice(alg.children[0]!.offset, alg.children[0]!.end);
      return { bytes: replaceNode(base, [...ri, k], seq(algOid)) };
    },
  },
  {
    id: 'invalid/attack-classes/ktri-oaep-psource-no-params',
    description: 'RSAES-OAEP KeyTransRecipientInfo whose RSAES-OAEP-params end in pSourceFunc id-pSpecified with no parameters, where RFC 3560 3 requires the OCTET STRING P (OpenSSL CVE-2026-28390: a NULL dereference on exactly this); a receiver that reads the absent label crashes',
    stage: 'after',
    base: 'enveloped-data/rsa-oaep-sha256/aes-256-cbc',
    requirements: ['rfc3560/3/oaep-params-structure'],
    flag: 'RecipientInfoNullShape',
    expected: 'invalid',
    apply: ({ base }) => {
      // KeyTransRecipientInfo { version, rid, keyEncryptionAlgorithm { id-RSAES-OAEP, RSAES-OAEP-params }, encryptedKey }.
      const params = [...recipientInfoPath(base, 0), 2, 1];
      const p = nodeAt(base, params);
      if (p.cls !== 'universal' || p.tag !== 16 || p.children.some((c) => c.cls === 'context' && c.tag === 2)) throw new Error('oaep mutation: params are not a SEQUENCE without pSourceFunc');
      return { bytes: insertNode(base, params, p.children.length, explicit(2, seq(oid(OID.pSpecified)))) };
    },
  },
];
