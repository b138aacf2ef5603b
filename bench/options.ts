/**
 * `npm run bench -- [options]`: the parameters of a run, with quick defaults (the whole suite in
 * a few minutes on 2 cores). `--files 1000000` is the million client files.
 */
import { parseArgs } from 'node:util';
import { owaspArgon2Costs, type Argon2Costs } from '../src/credentials/argon2-hasher.js';

export interface BenchOptions {
  readonly durationS: number;
  readonly connections: number;
  readonly argon2: Argon2Costs;
  readonly files: number;
  readonly mails: number;
  readonly redisUrl: string | undefined;
  readonly only: readonly string[] | undefined;
}

const HELP = `npm run bench -- [--duration 5] [--connections 8] [--memory-kib 19456] [--time-cost 2] [--parallelism 1]
                  [--files 100000] [--mails 1000] [--redis redis://127.0.0.1:6379 | --redis none] [--only web,files,cores,mail]`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '8' },
      'memory-kib': { type: 'string', default: String(owaspArgon2Costs.memoryKib) },
      'time-cost': { type: 'string', default: String(owaspArgon2Costs.timeCost) },
      parallelism: { type: 'string', default: String(owaspArgon2Costs.parallelism) },
      files: { type: 'string', default: '100000' },
      mails: { type: 'string', default: '1000' },
      redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a positive integer expected\n${HELP}`);
    return n;
  };
  return {
    durationS: positive('duration', values.duration),
    connections: positive('connections', values.connections),
    argon2: {
      memoryKib: positive('memory-kib', values['memory-kib']),
      timeCost: positive('time-cost', values['time-cost']),
      parallelism: positive('parallelism', values.parallelism),
    },
    files: Math.max(1000, positive('files', values.files)),
    mails: positive('mails', values.mails),
    redisUrl: values.redis === 'none' ? undefined : values.redis,
    only: values.only?.split(','),
  };
}
