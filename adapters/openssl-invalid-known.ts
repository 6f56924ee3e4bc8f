/**
 * Invalid samples that OpenSSL 3.0 nevertheless accepts, each with the reason we believe the RFC
 * is on our side. test/openssl-invalid.test.ts asserts every entry (OpenSSL still accepts it) and
 * that OpenSSL rejects every other invalid sample it can process; the README lists these.
 */
export const OPENSSL_ACCEPTS_INVALID: Readonly<Record<string, string>> = {};
