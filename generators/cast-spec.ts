/**
 * Who is in the cast and what each key is for. The script scripts/make-cast.ts turns this into
 * keys and certificates under corpus/keys/; generators/cast.ts loads them back.
 *
 * Alice signs, Bob receives, Diane is the second signer and a second recipient, Erica returns
 * receipts and countersigns: the roles of RFC 4134, with one key per algorithm family.
 */
export type KeyFamily =
  | 'rsa2048' | 'dsa2048' | 'p256' | 'p384' | 'ed25519' | 'ed448' | 'x25519' | 'x448' | 'dh2048';

export type CastRole = 'ca' | 'sign' | 'encrypt' | 'agree' | 'sign+encrypt';

export interface CastEntry {
  readonly id: string;
  readonly person: 'carl' | 'alice' | 'bob' | 'diane' | 'erica';
  readonly family: KeyFamily;
  readonly role: CastRole;
  readonly commonName: string;
  readonly email?: string;
  readonly ca: boolean;
  readonly keyUsage: readonly string[];
}

const SIGN = ['digitalSignature', 'nonRepudiation'] as const;
const ENCRYPT = ['keyEncipherment'] as const;
const AGREE = ['keyAgreement'] as const;

function ee(person: CastEntry['person'], family: KeyFamily, role: CastRole, usage: readonly string[]): CastEntry {
  const name = person[0]!.toUpperCase() + person.slice(1);
  return {
    id: `${person}-${family.replace('2048', '')}`,
    person, family, role,
    commonName: `${name} (${family})`,
    email: `${person}@example.com`,
    ca: false,
    keyUsage: usage,
  };
}

export const CAST_ENTRIES: readonly CastEntry[] = [
  { id: 'carl-rsa', person: 'carl', family: 'rsa2048', role: 'ca', commonName: 'Carl (CA)', ca: true, keyUsage: ['keyCertSign', 'cRLSign'] },
  ee('alice', 'rsa2048', 'sign', SIGN),
  ee('alice', 'dsa2048', 'sign', SIGN),
  ee('alice', 'p256', 'sign', SIGN),
  ee('alice', 'p384', 'sign', SIGN),
  ee('alice', 'ed25519', 'sign', SIGN),
  ee('alice', 'ed448', 'sign', SIGN),
  ee('bob', 'rsa2048', 'encrypt', ENCRYPT),
  ee('bob', 'p256', 'agree', AGREE),
  ee('bob', 'p384', 'agree', AGREE),
  ee('bob', 'x25519', 'agree', AGREE),
  ee('bob', 'x448', 'agree', AGREE),
  ee('bob', 'dh2048', 'agree', AGREE),
  ee('diane', 'rsa2048', 'sign+encrypt', [...SIGN, ...ENCRYPT]),
  ee('diane', 'p256', 'sign', SIGN),
  ee('erica', 'rsa2048', 'sign+encrypt', [...SIGN, ...ENCRYPT]),
];
