/**
 * One GnuPG home for gpgsm, kept for a whole run: gpgsm.conf that works offline, a gpg-agent
 * that allows loopback pinentry, the trust anchors in trustlist.txt ("S relax") and the recipient
 * and signer keys imported from PKCS#12. Starting an agent costs about a second, so the home and
 * its agent live until close(). gpgsm --verify stores every certificate of a verified message in
 * the keybox, where it would help verify the next message: every run restores the keybox from
 * the snapshot taken after the last deliberate import, so each message starts from the same state.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from '../cleanup.ts';
import { runProgram, type ProcessOutcome, type ProgramRunner } from '../run.ts';

export interface GpgsmRun {
  readonly outcome: ProcessOutcome;
  /** The --status-fd lines without their "[GNUPG:] " prefix. */
  readonly status: readonly string[];
}

const CONF = ['disable-crl-checks', 'disable-policy-checks', 'disable-dirmngr', 'disable-trusted-cert-crl-check'];

/** How a home runs its programs: gpgsm and its helpers, the agent's launch, and its end. */
export interface GpgsmPrograms {
  readonly run: ProgramRunner;
  /** Runs `gpgconf --launch gpg-agent`, whose agent must outlive the call. */
  readonly launch: ProgramRunner;
  /** Stops the agent of a home directory (never throws). */
  readonly kill: (dir: string) => void;
}

/** The host's programs. */
export const HOST_GPGSM: GpgsmPrograms = {
  run: runProgram,
  launch: runProgram,
  kill: (dir) => { spawnSync('gpgconf', ['--homedir', dir, '--kill', 'gpg-agent'], { timeout: 10_000, stdio: 'ignore' }); },
};

/** Thrown when setting the home up fails: the adapter reports it as `error`, never as a reject. */
export class GpgsmSetupError extends Error {}
/** A key gpgsm cannot take at all (its PKCS#12 import is RSA only): the sample is unsupported, not an adapter failure. */
export class GpgsmKeyTypeUnsupported extends GpgsmSetupError {}

export class GpgsmHome {
  private readonly trusted = new Set<string>();
  private readonly trustedPaths = new Set<string>();
  private readonly certs = new Set<string>();
  private readonly keys = new Set<string>();
  private snapshot: Buffer | null = null;
  private closed = false;
  private readonly release: () => void;

  private constructor(readonly dir: string, private readonly programs: GpgsmPrograms) {
    // An interrupted run, or a harness that never calls close(), still leaves no agent behind.
    this.release = onCleanup(`gpg-agent of ${dir}`, () => this.kill());
  }

  static create(programs: GpgsmPrograms = HOST_GPGSM): GpgsmHome {
    // Short path: the agent's socket path must fit in sockaddr_un (108 bytes).
    const dir = mkdtempSync(join(tmpdir(), 'cmsi-gpgsm-'));
    chmodSync(dir, 0o700);
    writeFileSync(join(dir, 'gpgsm.conf'), `${CONF.join('\n')}\n`);
    writeFileSync(join(dir, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
    writeFileSync(join(dir, 'trustlist.txt'), '');
    const home = new GpgsmHome(dir, programs);
    const launch = programs.launch('gpgconf', ['--homedir', dir, '--launch', 'gpg-agent']);
    if (launch.kind !== 'exit' || launch.code !== 0) {
      home.close();
      throw new GpgsmSetupError(`gpg-agent did not start: ${describe(launch)}`);
    }
    return home;
  }

  /** Runs gpgsm on this home (batch, loopback pinentry, status on stdout), keybox restored first. */
  gpgsm(args: readonly string[], options: { input?: Uint8Array; timeoutMs?: number } = {}): GpgsmRun {
    // gpgsm writes content to --output files; on stdout and stderr it prints status lines and
    // diagnostics, a few KB. Far more is a runaway: 2.2.40 and 2.4 on an EnvelopedData with an
    // empty recipientInfos print "recp N - error getting info" for N = 0, 1, 2, ... without end,
    // which at 256 MiB took the whole 20 s timeout; at 8 MiB it is cut off in well under a second.
    if (this.snapshot) writeFileSync(join(this.dir, 'pubring.kbx'), this.snapshot);
    const outcome = this.programs.run('gpgsm', ['--homedir', this.dir, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--status-fd', '1', ...args], { maxOutputBytes: 8 * 1024 * 1024, ...options });
    const status = outcome.kind === 'exit'
      ? outcome.stdout.toString('utf8').split('\n').filter((l) => l.startsWith('[GNUPG:] ')).map((l) => l.slice(9))
      : [];
    return { outcome, status };
  }

  /** Imports a trust anchor and marks it trusted for S/MIME (trustlist.txt, "relax": no CRL needed). */
  trust(certPath: string): void {
    if (this.trustedPaths.has(certPath)) return;
    const fpr = fingerprint(certPath);
    this.trustedPaths.add(certPath);
    if (this.trusted.has(fpr)) return;
    this.importCert(certPath);
    writeFileSync(join(this.dir, 'trustlist.txt'), `${fpr} S relax\n`, { flag: 'a' });
    this.trusted.add(fpr);
    // The agent caches trustlist.txt. RELOADAGENT makes it read its files again before it answers
    // (a SIGHUP through gpgconf --reload would do it at some later moment).
    const reload = this.programs.run('gpg-connect-agent', ['--homedir', this.dir, '--no-autostart', 'RELOADAGENT', '/bye']);
    if (reload.kind !== 'exit' || reload.code !== 0) throw new GpgsmSetupError(`gpg-agent RELOADAGENT: ${describe(reload)}`);
  }

  importCert(certPath: string): void {
    if (this.certs.has(certPath)) return;
    const r = this.gpgsm(['--import', certPath]);
    if (!r.status.some((l) => l.startsWith('IMPORT_OK'))) throw new GpgsmSetupError(`importing ${certPath}: ${describe(r.outcome)}`);
    this.certs.add(certPath);
    this.takeSnapshot();
  }

  /**
   * Imports a private key with its certificate through PKCS#12. gpgsm reads only the legacy
   * PKCS#12 encryption (3DES, SHA-1 MAC), and crashes on EC keys: RSA only. An empty PKCS#12
   * password makes the agent store the key unprotected, so no passphrase is asked when it is used
   * and --passphrase-fd stays free for PasswordRecipientInfo. About one OpenSSL export in sixty
   * (it depends on the random salt) fails in gpgsm ("data error at shrouded_key_bag.decrypted-text")
   * although OpenSSL reads it back: a fresh export, with a fresh salt, is tried then.
   */
  importKey(certPath: string, keyPath: string, workDir: string): void {
    if (this.keys.has(certPath)) return;
    const type = createPrivateKey(readFileSync(keyPath)).asymmetricKeyType;
    if (type !== 'rsa') throw new GpgsmKeyTypeUnsupported(`gpgsm cannot import a ${type} key from PKCS#12 (it crashes on EC keys)`);
    const p12 = join(workDir, 'key.p12');
    let failure = '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const e = this.programs.run('openssl', ['pkcs12', '-export', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1',
        '-in', certPath, '-inkey', keyPath, '-passout', 'pass:', '-out', p12]);
      if (e.kind !== 'exit' || e.code !== 0) throw new GpgsmSetupError(`openssl pkcs12 -export: ${describe(e)}`);
      const r = this.gpgsm(['--passphrase-fd', '0', '--import', p12], { input: Buffer.from('\n') });
      // IMPORT_RES count no_user_id imported imported_rsa unchanged n_uids n_subk n_sigs n_revoc sec_read sec_imported sec_dups ...
      const res = r.status.find((l) => l.startsWith('IMPORT_RES '))?.split(' ').slice(1).map(Number) ?? [];
      if ((res[10] ?? 0) > 0 || (res[11] ?? 0) > 0) {
        this.keys.add(certPath);
        this.certs.add(certPath);
        this.takeSnapshot();
        return;
      }
      failure = `${r.status.join('; ')} (${describe(r.outcome)})`;
    }
    throw new GpgsmSetupError(`importing the key of ${certPath}: ${failure}`);
  }

  /** Stops the agent this home started and removes the home. */
  close(): void {
    this.release();
    this.kill();
  }

  private kill(): void {
    if (this.closed) return;
    this.closed = true;
    this.programs.kill(this.dir);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private takeSnapshot(): void {
    const kbx = join(this.dir, 'pubring.kbx');
    this.snapshot = existsSync(kbx) ? readFileSync(kbx) : null;
  }
}

/** SHA-1 fingerprint, upper-case hex without colons: how gpgsm names certificates. */
export function fingerprint(certPath: string): string {
  return new X509Certificate(readFileSync(certPath)).fingerprint.replace(/:/g, '');
}

export function describe(o: ProcessOutcome): string {
  switch (o.kind) {
    case 'exit': return `exit ${o.code}: ${o.stderr.trim().split('\n').slice(-2).join(' / ')}`;
    case 'signal': return `killed by ${o.signal}`;
    case 'timeout': return 'timed out';
    case 'spawn-error': return o.message;
  }
}
