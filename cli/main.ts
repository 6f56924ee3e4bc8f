/**
 * The `cmsi` entry point: dispatches subcommands; cli/io.ts turns every error into one line on
 * stderr (exit 2 for usage and I/O errors), keeps a closed pipe from crashing the process, and
 * answers --version.
 */
import { generateCommand, GENERATE_HELP } from './generate.ts';
import { runCommand, RUN_HELP } from './run.ts';
import { checkCommand, CHECK_HELP } from './check.ts';
import { rulesCommand, RULES_HELP } from './rules.ts';
import { corpusCommand, CORPUS_HELP } from './corpus.ts';
import { interopCommand, INTEROP_HELP } from './interop.ts';
import { reportCommand, REPORT_HELP } from './report.ts';
import { INSPECT_HELP } from './inspect-help.ts';
import { FUZZ_HELP } from './fuzz-help.ts';
import { submitCommand, SUBMIT_HELP } from './submit.ts';
import { diffCommand, DIFF_HELP } from './diff.ts';
import { errorExit, guardStdio, versionText } from './io.ts';

const HELP = `cmsi: interoperability test harness and example-corpus generator for CMS / S/MIME / ESS

usage: cmsi <command> [options]

commands:
  generate   write the corpus (valid, invalid and acceptable messages) and its manifest, from a seed
  run        the main job: generate the corpus, have OpenSSL process every sample, print a summary
  check      validate CMS / S/MIME messages against the requirement catalog
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
error, 3 (check) nothing failed but something could not be checked, 4 internal error (a bug).

${GENERATE_HELP}

${RUN_HELP}

${CHECK_HELP}

${INSPECT_HELP}

${RULES_HELP}

${CORPUS_HELP}

${INTEROP_HELP}

${REPORT_HELP}

${SUBMIT_HELP}

${DIFF_HELP}

${FUZZ_HELP}`;

const COMMANDS: Record<string, (argv: readonly string[]) => number | Promise<number>> = {
  generate: generateCommand,
  run: runCommand,
  check: checkCommand,
  inspect: (argv) => import('./inspect.ts').then((m) => m.inspectCommand(argv)),
  dump: (argv) => import('./inspect.ts').then((m) => m.inspectCommand(argv)),
  rules: rulesCommand,
  corpus: corpusCommand,
  interop: interopCommand,
  report: reportCommand,
  submit: submitCommand,
  diff: diffCommand,
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
    console.log(HELP);
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
