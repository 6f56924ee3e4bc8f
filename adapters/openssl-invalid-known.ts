/**
 * Invalid samples that OpenSSL 3.0 nevertheless accepts, each with the reason we believe the RFC
 * is on our side. test/openssl-invalid.test.ts asserts every entry (OpenSSL still accepts it) and
 * that OpenSSL rejects every other invalid sample it can process; the README lists these.
 *
 * The list itself is data: expectations/openssl.yaml (outcome: accept), filtered to the installed version.
 */
import { sampleExpectations } from '../core/expectations.ts';
import { forInstalledVersion } from './openssl-version.ts';

export const OPENSSL_ACCEPTS_INVALID: Readonly<Record<string, string>> = forInstalledVersion(sampleExpectations('openssl', 'accept'));

/**
 * Samples built to exhaust a receiver on which OpenSSL runs until the adapter's timeout (outcome:
 * hang): a denial of service OpenSSL has, recorded so that the test asserts it still holds.
 */
export const OPENSSL_HANGS_ON: Readonly<Record<string, string>> = forInstalledVersion(sampleExpectations('openssl', 'hang'));
