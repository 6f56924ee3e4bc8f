/** The help of `cmsi fuzz`, apart from the command so that `cmsi --help` does not load the fuzzer. */
export const FUZZ_HELP = `usage: cmsi fuzz [--stacks a,b] [--seed S] [--runs N | --time 10m] [--out DIR] [--jobs N] [--shard i/n]
       cmsi fuzz --replay FILE [--stacks a,b]
       cmsi fuzz --promote ID [--out DIR]
       cmsi fuzz --oracle-table [--stacks a,b]

Mutates the corpus's valid samples and feeds every mutant to the stacks (their persistent
processes, as cmsi interop does) and to the checker, which runs as a separate process. fast-check
draws each input from the seed: a base sample and 1-3 structure-aware steps (flip an octet of a
field, remove or duplicate a node, change a tag, swap an algorithm OID for another of its family,
set an INTEGER, lengthen a length, splice in a node of another sample, append trailing data,
truncate), half of them signed again afterwards so that only the defect is wrong. With
--generated, a quarter of the inputs mutate a valid SignedData made on the fly instead (any
signature algorithm, signer identifier, attributes, BER or DER, content).

Oracles, per stack (a finding is one stack, oracle, checker layer and rule):
    accepts-invalid  accepts what the checker calls invalid at a MUST-level encoding, structure or
                     crypto finding
    differential     accepts what the checker rejects at another layer; rejects what the checker
                     and another stack accept; accepts where others reject and the checker cannot decide
    wrong-content    accepts a valid message but returns other content than it carries
    crash / hang     the stack died on a signal / did not answer within --timeout
Every finding is shrunk (fewer steps, smaller numbers, never a larger message) and replays from
its {seed, path}. --oracle-table instead runs the decrypt-side error table: for every stack that
decrypts, what it says on a PKCS #1 v1.5 padding error, a CBC padding error, a GCM tag error and
a wrong key (distinguishable answers are the Bleichenbacher / padding-oracle preconditions).

  --stacks LIST     stacks to fuzz (default: openssl,nss,gnutls,bouncycastle,gpgsm)
  --seed S          fast-check seed, an integer (default 1); same seed, same findings
  --runs N          inputs to generate (default 1000)
  --time T          stop generating after T (30s, 10m, 2h); the runs done so far count
  --bases LIST      only base samples whose id starts with one of these prefixes
  --generated       also mutate valid SignedData generated from the seed (see above)
  --out DIR         write DIR/findings.jsonl and DIR/reproducers/ID.{der,json} (default out/fuzz)
  --jobs N          run N shard processes at once and merge their findings (default 1)
  --shard i/n       execute only the runs whose index is i modulo n (0 <= i < n), for CI matrices;
                    join shard directories with --merge
  --merge DIR...    merge the findings of shard directories into --out (same seed: same ids)
  --shrink N        executions allowed per shrink (default 300)
  --timeout MS      a stack's time limit per message, then the finding is a hang (default 20000)
  --corpus DIR      the corpus (default corpus)
  --replay FILE     replay findings.jsonl or one reproducers/ID.json; exit 1 if one does not replay
  --promote ID      write an invalid-corpus case skeleton for finding ID of --out (a mutation file
                    with the catalog ids and a flag to finish) to DIR/promoted/

Live throughput per stack on stderr (a progress line on a terminal, plain lines otherwise), a
summary at the end. Exit codes: 0 no finding; 1 findings (or, with --replay, one did not
replay); 2 usage or I/O error; 130 / 143 interrupted.

Examples:
  cmsi fuzz --stacks openssl,nss --seed 7 --runs 500 --out out/fuzz
  cmsi fuzz --time 2h --jobs 2 --out out/fuzz-long          # a long local campaign
  cmsi fuzz --seed 7 --runs 100000 --shard 3/8 --out shard-3 # one job of a CI matrix
  cmsi fuzz --merge shard-* --out out/fuzz                    # join the matrix's shards
  cmsi fuzz --replay out/fuzz/findings.jsonl
  cmsi fuzz --promote 3ab47c1aede8 --out out/fuzz`;
