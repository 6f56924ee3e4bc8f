/**
 * The `cmsi` entry point: dispatches subcommands, turns usage errors into one line on stderr with
 * exit code 2, and never lets an exception escape as a stack trace for a user mistake.
 */
import { generateCommand, GENERATE_HELP } from './generate.ts';
import { runCommand, RUN_HELP } from './run.ts';
import { checkCommand, CHECK_HELP } from './check.ts';
import { rulesCommand, RULES_HELP } from './rules.ts';
import { corpusCommand, CORPUS_HELP } from './corpus.ts';
import { interopCommand, INTEROP_HELP } from './interop.ts';
import { reportCommand, REPORT_HELP } from './report.ts';
import { UsageError } from './usage.ts';

const HELP = `cmsi: interoperability test harness and example-corpus generator for CMS / S/MIME / ESS

usage: cmsi <command> [options]

commands:
  generate   write the corpus of valid CMS messages and its manifest (reproducible from a seed)
  run        the main job: generate the corpus, have OpenSSL process every sample, print a summary
  check      validate CMS / S/MIME messages against the requirement catalog
  rules      print the requirement catalog, or explain one rule
  corpus     list a corpus: valid samples by type, invalid ones with the bug each catches
  interop    run the third-party stacks against the corpus and each other (JSON lines results)
  report     render interop results: matrices, unexpected outcomes, Draft Standard readiness
  help CMD   explain one command

Run "cmsi CMD --help" for a command's options. Exit codes: 0 success, 1 a check failed,
2 usage or I/O error.

${GENERATE_HELP}

${RUN_HELP}

${CHECK_HELP}

${RULES_HELP}

${CORPUS_HELP}

${INTEROP_HELP}

${REPORT_HELP}`;

const COMMANDS: Record<string, (argv: readonly string[]) => number | Promise<number>> = {
  generate: generateCommand,
  run: runCommand,
  check: checkCommand,
  rules: rulesCommand,
  corpus: corpusCommand,
  interop: interopCommand,
  report: reportCommand,
};

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
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
    const err = e as Error & { code?: string };
    if (e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`cmsi ${target}: ${err.message}`);
      return 2;
    }
    if (err.code && /^E[A-Z]+$/.test(err.code)) {
      console.error(`cmsi ${target}: ${err.message}`);
      return 2;
    }
    throw e;
  }
}
