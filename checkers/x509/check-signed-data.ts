/**
 * The certificate and path layers of a SignedData: reads its certificates and CRLs strictly
 * (with the --cert, --ca and --crl inputs), runs the RFC 5280 extension rules and the S/MIME
 * profile on every certificate by its role (signer, CA, other), then validates the path of each
 * signer's certificate at its validation time. Called after the signatures were checked.
 */
import { contentOf } from '../../core/der/reader.ts';
import type { CheckContext } from '../context.ts';
import { at, identifierDer } from '../cms/fields.ts';
import type { SignedDataView, SignerInfoView } from '../cms/signed-data.ts';
import type { X509Certificate } from './certificate.ts';
import {
  addExternal, CertificatePool, readMessageCertificates, readMessageCrls, reportChecks, reportProblems,
  type LabelledInput, type PlacedCert,
} from './certificate-set.ts';
import { bytesEqual } from './fields.ts';
import { validatePath, type PathBudget } from './path.ts';
import { extensionChecks, isCa, purposeCheck, type CertRole } from './rules.ts';
import { emailAddresses, sameAddress, smimeProfileChecks } from './smime-profile.ts';
import { placeWhere } from './certificate-set.ts';
import { skiOf } from './extensions.ts';
import { validationTime, type GivenTime } from './validation-time.ts';

export interface CertificateInputs {
  readonly certs: readonly LabelledInput[];
  readonly anchors: readonly LabelledInput[];
  readonly crls: readonly LabelledInput[];
  readonly at?: GivenTime;
  /** The From and Sender headers of the S/MIME entity the message came in. */
  readonly mailFrom?: { readonly from?: string; readonly sender?: string };
}

export function signedDataPool(ctx: CheckContext, v: SignedDataView, inputs: CertificateInputs): CertificatePool {
  const pool = new CertificatePool();
  if (v.certificatesAt) readMessageCertificates(ctx, pool, v.certificatesAt, v.certificates);
  if (v.crls.length) readMessageCrls(ctx, pool, at(`${v.at.path}.crls`, v.crls[0]!), v.crls);
  addExternal(pool, inputs.certs, inputs.anchors, inputs.crls);
  return pool;
}

/** The certificate the signer identifier names, among the message's and the --cert ones. */
export function signerCertificate(ctx: CheckContext, si: SignerInfoView, pool: CertificatePool): PlacedCert | undefined {
  const all = pool.all();
  if (si.sid.kind === 'ski') {
    const ski = contentOf(ctx.bytes, si.sid.node);
    return all.find((p) => { const s = skiOf(p.cert); return !!s && bytesEqual(s, ski); });
  }
  const ias = identifierDer(ctx, si.sid.node);
  return all.find((p) => bytesEqual(p.cert.issuerAndSerial, ias));
}

function roleOf(p: PlacedCert, signers: readonly X509Certificate[], pool: CertificatePool): CertRole {
  if (signers.includes(p.cert)) return 'signer';
  const issues = pool.all().some((o) => o !== p && !bytesEqual(o.cert.der, p.cert.der) && bytesEqual(o.cert.issuer.der, p.cert.subject.der));
  return issues || isCa(p.cert) ? 'ca' : 'other';
}

/**
 * The extension and profile checks of a certificate in a role: pure functions of the two, and the
 * certificate objects come from the cache of checkers/x509/cache.ts, so a signer certificate seen
 * in the previous message is not checked again (issue 9: a mail spool has one signer).
 */
const roleChecks = new WeakMap<X509Certificate, Map<CertRole, ReturnType<typeof extensionChecks>>>();

function checksOf(c: X509Certificate, role: CertRole): ReturnType<typeof extensionChecks> {
  let byRole = roleChecks.get(c);
  if (!byRole) roleChecks.set(c, (byRole = new Map()));
  let checks = byRole.get(role);
  if (!checks) byRole.set(role, (checks = [...extensionChecks(c, role), ...smimeProfileChecks(c, role)]));
  return checks;
}

/** Extension rules and the S/MIME profile on one certificate, once per message. */
export function profile(ctx: CheckContext, p: PlacedCert, role: CertRole): void {
  if (!p.reported) reportProblems(ctx, p.place, p.problems);
  p.reported = true;
  reportChecks(ctx, p.place, checksOf(p.cert, role));
}

export function checkSignedDataCertificates(ctx: CheckContext, v: SignedDataView, pool: CertificatePool, inputs: CertificateInputs): void {
  const signers = v.signerInfos.map((si) => ({ si, placed: signerCertificate(ctx, si, pool) }));
  const signerCerts = signers.flatMap((s) => (s.placed ? [s.placed.cert] : []));
  for (const p of pool.message) profile(ctx, p, roleOf(p, signerCerts, pool));
  const budget: PathBudget = { verifications: 0 };
  for (const { si, placed } of signers) {
    if (!placed) continue;
    if (placed.place.kind === 'file') profile(ctx, placed, 'signer');
    const use = purposeCheck(placed.cert, 'sign');
    if (use) reportChecks(ctx, placed.place, [use]);
    if (inputs.mailFrom) checkFrom(ctx, placed, inputs.mailFrom);
    const time = validationTime(ctx.bytes, si, inputs.at);
    ctx.validation ??= { time: time.iso, source: time.source, anchors: pool.anchors.length, ...(time.claimed ? { claimed: time.claimed } : {}) };
    validatePath(ctx, placed, pool, time.ms, budget);
  }
}

/** The address in a From or Sender header value ("Alice <alice@example.com>" or a bare address). */
export function headerAddress(value: string): string | null {
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(value) ?? /([^\s<>,;:"]+@[^\s<>,;:"]+)/.exec(value);
  return m ? m[1]! : null;
}

/**
 * RFC 8550 3: the From (or Sender) address of a signed mail is one of the signer certificate's
 * addresses (SHOULD, of the sending agent; receivers MUST check it when the certificate has any).
 */
function checkFrom(ctx: CheckContext, signer: PlacedCert, headers: { readonly from?: string; readonly sender?: string }): void {
  const e = emailAddresses(signer.cert);
  const certAddresses = [...e.san, ...e.dn];
  if (!certAddresses.length) return;
  const addresses = [headers.from, headers.sender].filter((x): x is string => x !== undefined).map(headerAddress).filter((x): x is string => x !== null);
  const ok = addresses.some((a) => certAddresses.some((c) => sameAddress(a, c)));
  ctx.check('rfc8550/3/from-matches-certificate', ok,
    ok ? 'the From/Sender address is an address of the signer certificate' : `the From/Sender address (${addresses.join(', ') || 'none'}) is none of the signer certificate's addresses (${certAddresses.join(', ')})`,
    placeWhere(signer.place, 'tbsCertificate.extensions', 0, 0));
}
