/**
 * The `cmsi` entry point: dispatches subcommands; cli/io.ts turns every error into one line on
 * stderr (exit 2 for usage and I/O errors), keeps a closed pipe from crashing the process, and
 * answers --version.
 */
import { errorExit, guardStdio, versionText } from './io.ts';

const OVERVIEW = `cmsi: interoperability test harness and example-corpus generator for CMS / S/MIME / ESS

usage: cmsi <command> [options]

commands:
  generate   write the corpus (valid, invalid and acceptable messages) and its manifest, from a seed
  run        the main job: generate the corpus, have OpenSSL process every sample, print a summary
  check      validate CMS / S/MIME messages against the requirement catalog
  conformance  check a folder of third-party messages against their expected outcomes, case by case
  inspect    show a message's structure as a tree, with the checker's findings at their nodes (alias: dump)
  rules      print the requirement catalog, or explain one rule
  corpus     list a corpus: valid samples by type, invalid ones with the bug each catches
  interop    run the third-party stacks against the corpus and each other (JSON lines results)
  report     render interop results: matrices, unexpected outcomes, Draft Standard readiness
  diff       what changed between two results directories (exit 1 when something got worse)
  submit     add an implementation's submission (its consume results, its messages) to the results
  fuzz       mutate corpus samples into the stacks and the checker; shrunk, replayable findings
  help CMD   explain one command

Run "cmsi CMD --help" for a command's options; "cmsi --version" for the version. Where a
command reads a file, "-" reads stdin. Exit codes: 0 success, 1 a check failed, 2 usage or I/O
error, 3 (check) nothing failed but something could not be checked, 4 internal error (a bug).`;

/**
 * The full help: the overview and every command's own help. Each command module is loaded only
 * here or when it runs, so that `cmsi check` loads the checker and nothing else (issue 9: start
 * like a native tool).
 */
async function helpText(): Promise<string> {
  const [g, r, c, cf, i, ru, co, int, rep, sub, d, fz] = await Promise.all([
    import('./generate.ts'), import('./run.ts'), import('./check.ts'), import('./conformance.ts'), import('./inspect-help.ts'), import('./rules.ts'),
    import('./corpus.ts'), import('./interop.ts'), import('./report.ts'), import('./submit.ts'), import('./diff.ts'),
    import('./fuzz-help.ts'),
  ]);
  return [OVERVIEW, g.GENERATE_HELP, r.RUN_HELP, c.CHECK_HELP, cf.CONFORMANCE_HELP, i.INSPECT_HELP, ru.RULES_HELP, co.CORPUS_HELP, int.INTEROP_HELP, rep.REPORT_HELP, sub.SUBMIT_HELP, d.DIFF_HELP, fz.FUZZ_HELP].join('\n\n');
}

const COMMANDS: Record<string, (argv: readonly string[]) => number | Promise<number>> = {
  generate: (argv) => import('./generate.ts').then((m) => m.generateCommand(argv)),
  run: (argv) => import('./run.ts').then((m) => m.runCommand(argv)),
  check: (argv) => import('./check.ts').then((m) => m.checkCommand(argv)),
  conformance: (argv) => import('./conformance.ts').then((m) => m.conformanceCommand(argv)),
  inspect: (argv) => import('./inspect.ts').then((m) => m.inspectCommand(argv)),
  dump: (argv) => import('./inspect.ts').then((m) => m.inspectCommand(argv)),
  rules: (argv) => import('./rules.ts').then((m) => m.rulesCommand(argv)),
  corpus: (argv) => import('./corpus.ts').then((m) => m.corpusCommand(argv)),
  interop: (argv) => import('./interop.ts').then((m) => m.interopCommand(argv)),
  report: (argv) => import('./report.ts').then((m) => m.reportCommand(argv)),
  submit: (argv) => import('./submit.ts').then((m) => m.submitCommand(argv)),
  diff: (argv) => import('./diff.ts').then((m) => m.diffCommand(argv)),
  fuzz: (argv) => import('./fuzz.ts').then((m) => m.fuzzCommand(argv)),
};

export async function main(argv: readonly string[]): Promise<number> {
  guardStdio();
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    console.log(versionText());
    return 0;
  }
  if (!command || command === '--help' || command === '-h' || (command === 'help' && !rest[0])) {
    console.log(await helpText());
    return 0;
  }
  const target = command === 'help' ? rest[0]! : command;
  const run = COMMANDS[target];
  if (!run) {
    console.error(`cmsi: unknown command "${target}" (try: cmsi --help)`);
    return 2;
  }
  try {
    return await run(command === 'help' ? ['--help'] : rest);
  } catch (e) {
    const { code, line } = errorExit(target, e);
    console.error(line);
    return code;
  }
}
