/**
 * The layers a finding belongs to, in the order a message is read: its bytes (BER/DER), its
 * ASN.1 and the RFCs' field rules, its cryptography, its certificates (X.509 and the S/MIME
 * profile), the path to a trust anchor (chain, time, revocation), algorithm policy (strength,
 * deprecation under a profile), and the MIME layer of RFC 8551. Shared by the checkers (which
 * tag findings), the catalog (whose entries may name their layer) and reports.
 */
export const LAYERS = ['encoding', 'structure', 'crypto', 'certificate', 'path', 'policy', 'mime'] as const;
export type Layer = (typeof LAYERS)[number];
