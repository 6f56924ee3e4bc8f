/**
 * `cmsi inspect FILE` (alias `dump`): the structure of a CMS / S/MIME message as a tree, through
 * MIME, PEM and nested layers, with the checker's findings at the nodes they concern
 * (checkers/inspect/). Text for people, --format json for tools. Exit 0 once the tree is shown,
 * whatever the message's verdict (that is `cmsi check`'s job); 2 on usage or I/O errors.
 */
import { parseArgs } from 'node:util';
import { loadCatalog } from '../core/catalog.ts';
import { PROFILES, type Profile } from '../core/vocabulary.ts';
import { pairKeysWithCertificates, pemOrDer } from '../checkers/crypto/recipient-keys.ts';
import { inspectBytes } from '../checkers/inspect/inspect.ts';
import { formatInspectText } from '../checkers/inspect/render-text.ts';
import { parseKek } from './check.ts';
import { INSPECT_HELP } from './inspect-help.ts';
import { inputName, readInput, writeOutput } from './io.ts';
import { UsageError } from './usage.ts';


export function inspectCommand(argv: readonly string[]): number {
  const { values, positionals } = parseArgs({
    args: [...argv], allowPositionals: true, strict: true,
    options: {
      format: { type: 'string', default: 'text' }, profile: { type: 'string', default: 'current' },
      cert: { type: 'string', multiple: true }, key: { type: 'string', multiple: true }, password: { type: 'string' }, kek: { type: 'string' },
      content: { type: 'string' }, passes: { type: 'boolean' }, brief: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(INSPECT_HELP);
    return 0;
  }
  if (!['text', 'json'].includes(values.format!)) throw new UsageError(`--format must be text or json, got "${values.format}"`);
  if (!(PROFILES as readonly string[]).includes(values.profile!)) throw new UsageError(`--profile must be current or v3, got "${values.profile}"`);
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `one FILE at a time, got ${positionals.length}` : 'no input: give FILE (see cmsi inspect --help)');
  const file = positionals[0]!;
  const certs = (values.cert ?? []).map((c) => pemOrDer(readInput(c, '--cert')).der);
  const bytes = readInput(file);
  const layer = inspectBytes(inputName(file), bytes, {
    catalog: loadCatalog(), profile: values.profile as Profile, certs,
    content: values.content ? readInput(values.content, '--content') : null,
    ...(values.key?.length ? { keys: pairKeysWithCertificates(values.key.map((k) => readInput(k, '--key')), certs) } : {}),
    ...(values.password !== undefined ? { password: values.password } : {}),
    ...(values.kek ? { kek: parseKek(values.kek) } : {}),
    passes: !!values.passes,
  });
  const text = values.format === 'json' ? `${JSON.stringify({ version: 1, file: inputName(file), layer }, null, 2)}\n` : formatInspectText(inputName(file), layer, { brief: !!values.brief });
  writeOutput(values.out, text);
  return 0;
}
