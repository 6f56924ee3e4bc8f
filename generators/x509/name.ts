/** X.501 Name as an RDNSequence of single-attribute RDNs (RFC 5280 4.1.2.4). */
import { oid, printable, seq, setOf, utf8, ia5 } from '../../core/der/encode.ts';
import { OID } from '../../core/oids.ts';

export interface NameParts {
  readonly country?: string;
  readonly organization?: string;
  readonly commonName: string;
  readonly email?: string;
}

export function encodeName(parts: NameParts): Uint8Array {
  const rdns: Uint8Array[] = [];
  const rdn = (type: string, value: Uint8Array) => rdns.push(setOf(seq(oid(type), value)));
  if (parts.country) rdn(OID.countryName, printable(parts.country));
  if (parts.organization) rdn(OID.organizationName, utf8(parts.organization));
  rdn(OID.commonName, utf8(parts.commonName));
  if (parts.email) rdn(OID.emailAddress, ia5(parts.email));
  return seq(...rdns);
}
