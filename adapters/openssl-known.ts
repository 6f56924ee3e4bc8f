/**
 * Samples that OpenSSL 3.0 (Debian 12's build) cannot process, each with the reason we found.
 * None of them is a defect of the sample: each was checked against the RFC, and each is still
 * parsed by an independent decoder (pkijs) in the tests. The tests assert that OpenSSL still fails
 * on exactly these, so a newer OpenSSL that learns one of them shows up as a test to update.
 *
 * The list itself is data: expectations/openssl.yaml (outcome: unsupported), filtered to the installed version.
 */
import { sampleExpectations } from '../core/expectations.ts';
import { forInstalledVersion } from './openssl-version.ts';

export const OPENSSL_UNSUPPORTED: Readonly<Record<string, string>> = forInstalledVersion(sampleExpectations('openssl', 'unsupported'));
