/**
 * The SignerInfo names Alice's issuer with a serial number one higher than her certificate's: no
 * certificate in the message (or the cast) matches. The signature is Alice's and verifies with her
 * certificate. Re-signed. A receiver that falls back to "the first certificate" or "any
 * certificate that verifies" attributes the signature to a signer the sid does not name.
 */
import { seq } from '../../../core/der/encode.ts';
import { readDer } from '../../../core/der/reader.ts';
import type { Mutation } from '../mutation.ts';
import { aliceSignedData } from './common.ts';

/** IssuerAndSerialNumber with the serial's last octet increased by one (the encoding stays minimal). */
function nextSerial(issuerAndSerial: Uint8Array): Uint8Array {
  const r = readDer(issuerAndSerial).root!;
  const [issuer, serial] = r.children;
  const s = issuerAndSerial.slice(serial!.offset, serial!.end);
  const last = s.length - 1;
  s[last] = (s[last]! + 1) & 0xff;
  return seq(issuerAndSerial.slice(issuer!.offset, issuer!.end), s);
}

export const sidSerialMatchesNoCertificate: Mutation = {
  id: 'invalid/signed/sid-serial-matches-no-certificate',
  description: 'issuerAndSerialNumber sid with a serial no certificate has, Alice\'s signature otherwise valid, re-signed; a receiver that picks the first or any verifying certificate accepts it',
  stage: 'before',
  base: 'signed-data/rsa-sha256/attached',
  requirements: ['rfc8550/2.3/include-own-and-issuer-certificates'],
  flag: 'SignerNotFound',
  expected: 'invalid',
  apply: ({ ctx }) => ({ bytes: aliceSignedData(ctx, { defects: { sid: nextSerial(ctx.cast.get('alice-rsa').issuerAndSerial) } }) }),
};
