/** Helpers shared by the case files: profiles from algorithms, recipient builders by name. */
import type { Algorithm, Profile } from '../../core/vocabulary.ts';
import type { Cast } from '../cast.ts';
import type { RecipientBuilder } from '../cms/enveloped-data.ts';
import {
  ecdhRecipient, esdhRecipient, kekRecipient, keyTransRecipient, passwordRecipient, xdhRecipient,
  type KariOptions, type KekOptions, type KtriOptions, type PwriOptions,
} from '../cms/recipients.ts';

/** Algorithms that RFC 8551 no longer lets a current agent send (or never listed). */
const LEGACY: ReadonlySet<Algorithm> = new Set<Algorithm>(['md5', 'sha1', 'dsa', '3des-cbc', 'rc2-cbc', '3des-wrap', 'hmac-sha1', 'esdh-x942']);
/** Algorithms an S/MIME v3 agent (RFC 2630-2633, plus 3211/3274 add-ons) could process. */
const V3: ReadonlySet<Algorithm> = new Set<Algorithm>([
  'md5', 'sha1', 'dsa', 'rsa-pkcs1v15', 'rsaes-pkcs1v15', 'esdh-x942', '3des-wrap', '3des-cbc', 'rc2-cbc',
  'hmac-sha1', 'pbkdf2', 'pwri-kek', 'zlib',
]);

export function profilesFor(algorithms: readonly Algorithm[]): Profile[] {
  const out: Profile[] = [];
  if (algorithms.every((a) => V3.has(a))) out.push('v3');
  if (!algorithms.some((a) => LEGACY.has(a))) out.push('current');
  return out;
}

export const ktri = (cast: Cast, id: string, o: KtriOptions): RecipientBuilder => ({
  kind: 'ktri', version: o.rid === 'ski' ? 2 : 0,
  build: (cek, rnd) => keyTransRecipient(cast.get(id), cek, o, rnd),
});

export const kari = (cast: Cast, id: string, o: KariOptions): RecipientBuilder => {
  const r = cast.get(id);
  const build = r.family === 'dh2048' ? esdhRecipient : r.family === 'x25519' || r.family === 'x448' ? xdhRecipient : ecdhRecipient;
  return { kind: 'kari', version: 3, build: (cek, rnd) => build(r, cek, o, rnd) };
};

export const kekri = (o: KekOptions): RecipientBuilder => ({
  kind: 'kekri', version: 4, build: (cek, rnd) => kekRecipient(cek, o, rnd),
});

export const pwri = (o: PwriOptions): RecipientBuilder => ({
  kind: 'pwri', version: 0, build: (cek, rnd) => passwordRecipient(cek, o, rnd),
});

/** Fixed, documented test secrets: KEKs and passwords are inputs a consumer is given. */
export const KEK_128 = { keyId: Uint8Array.from(Buffer.from('cmsi-kek-aes128')), key: Uint8Array.from(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex')) };
export const KEK_3DES = { keyId: Uint8Array.from(Buffer.from('cmsi-kek-3des')), key: Uint8Array.from(Buffer.from('0123456789abcdeffedcba987654321089abcdef01234567', 'hex')) };
export const PASSWORD = 'cms-interop sample password';
export const UKM = Uint8Array.from(Buffer.from('cms-interop ukm 0123456789abcdef'));
/** RFC 2631 2.1.2: partyAInfo, when present, is 512 bits. */
export const UKM_512 = Uint8Array.from(Buffer.from('cms-interop X9.42 partyAInfo, exactly sixty-four octets long....'));
