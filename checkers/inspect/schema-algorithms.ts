/**
 * AlgorithmIdentifier parameters by algorithm OID, for the inspector: NULL for the RSA and SHA
 * families (RFC 3370, 5754), an IV for CBC ciphers (RFC 3370 5, 3565), RC2CBCParameter, the GCM
 * and CCM parameters (RFC 5084), RSASSA-PSS and RSAES-OAEP parameters (RFC 4055), PBKDF2 (RFC
 * 8018), the PWRI-KEK and key-agreement wrap algorithms (RFC 3211, 5753, 8418), DSA and DH domain
 * parameters and EC named curves (RFC 3279, 5480). An OID outside the table shows its parameters
 * as ANY.
 */
import { OID } from '../../core/oids.ts';
import { algorithmIdentifier } from './schema-x509.ts';
import { choice, explicit, field, lazy, opt, prim, seq, type Schema, type Table } from './schema.ts';

const alg = lazy(() => algorithmIdentifier());
const nul = prim('NULL');
const iv = prim('OCTET STRING', 'IV');

const aeadParameters = (type: string): Schema => seq(type, [field('aes-nonce', prim('OCTET STRING')), opt('aes-ICVlen', prim('INTEGER', 'AES-GCM-ICVlen'))]);

const pss = seq('RSASSA-PSS-params', [
  opt('hashAlgorithm', alg, explicit(0)),
  opt('maskGenAlgorithm', alg, explicit(1)),
  opt('saltLength', prim('INTEGER'), explicit(2)),
  opt('trailerField', prim('INTEGER'), explicit(3)),
]);

const oaep = seq('RSAES-OAEP-params', [
  opt('hashAlgorithm', alg, explicit(0)),
  opt('maskGenAlgorithm', alg, explicit(1)),
  opt('pSourceAlgorithm', alg, explicit(2)),
]);

const pbkdf2 = seq('PBKDF2-params', [
  field('salt', choice('salt', [field('specified', prim('OCTET STRING')), field('otherSource', alg)])),
  field('iterationCount', prim('INTEGER')),
  opt('keyLength', prim('INTEGER')),
  opt('prf', alg),
]);

const dssParms = seq('Dss-Parms', [field('p', prim('INTEGER')), field('q', prim('INTEGER')), field('g', prim('INTEGER'))]);
const dhDomain = seq('DomainParameters', [
  field('p', prim('INTEGER')), field('g', prim('INTEGER')), field('q', prim('INTEGER')), opt('j', prim('INTEGER')),
  opt('validationParms', seq('ValidationParms', [field('seed', prim('BIT STRING')), field('pgenCounter', prim('INTEGER'))])),
]);

const NULL_PARAMETERS = [
  OID.rsaEncryption, OID.sha1WithRSAEncryption, OID.sha256WithRSAEncryption, OID.sha384WithRSAEncryption, OID.sha512WithRSAEncryption,
  '1.2.840.113549.1.1.4', '1.2.840.113549.1.1.14', OID.md5, OID.sha1, OID.sha224, OID.sha256, OID.sha384, OID.sha512,
  OID.hmacWithSHA1, OID.hmacWithSHA256, OID.hmacSha1, OID.zlibCompress,
];

export const ALGORITHM_PARAMETERS: Table = {
  ...Object.fromEntries(NULL_PARAMETERS.map((o) => [o, nul])),
  [OID.rsassaPss]: pss,
  [OID.rsaesOaep]: oaep,
  [OID.mgf1]: alg,
  [OID.pSpecified]: prim('OCTET STRING', 'label'),
  [OID.aes128Cbc]: iv, [OID.aes192Cbc]: iv, [OID.aes256Cbc]: iv, [OID.desEde3Cbc]: iv, '1.3.14.3.2.7': iv,
  [OID.rc2Cbc]: seq('RC2CBCParameter', [field('rc2ParameterVersion', prim('INTEGER')), field('iv', iv)]),
  [OID.aes128Gcm]: aeadParameters('GCMParameters'), [OID.aes192Gcm]: aeadParameters('GCMParameters'), [OID.aes256Gcm]: aeadParameters('GCMParameters'),
  [OID.aes128Ccm]: aeadParameters('CCMParameters'), [OID.aes192Ccm]: aeadParameters('CCMParameters'), [OID.aes256Ccm]: aeadParameters('CCMParameters'),
  [OID.pbkdf2]: pbkdf2,
  [OID.shake256Len]: prim('INTEGER', 'ShakeOutputLen'),
  [OID.pwriKek]: alg,
  [OID.esDH]: alg,
  '1.2.840.113549.1.9.16.3.10': alg,
  [OID.dhSinglePassStdDHsha256kdf]: alg, [OID.dhSinglePassStdDHsha384kdf]: alg, [OID.dhSinglePassStdDHsha1kdf]: alg,
  '1.3.132.1.11.3': alg, '1.3.133.16.840.63.0.3': alg, '1.3.132.1.14.1': alg, '1.3.132.1.14.2': alg, '1.3.132.1.14.3': alg,
  [OID.dhSinglePassStdDHhkdfSha256]: alg, [OID.dhSinglePassStdDHhkdfSha384]: alg, [OID.dhSinglePassStdDHhkdfSha512]: alg,
  [OID.dsa]: dssParms,
  [OID.dhpublicnumber]: dhDomain,
  [OID.ecPublicKey]: prim('OBJECT IDENTIFIER', 'namedCurve'),
  [OID.cms3DESwrap]: nul,
  [OID.cmsRC2wrap]: prim('INTEGER', 'RC2wrapParameter'),
};
