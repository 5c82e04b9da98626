import { loadConfig } from '../config/env.js';
import { BackupError } from './inspect.js';

export interface CliArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/** `--to file`, `--to=file`, `--json`, and plain arguments. */
export function parseArgs(argv: string[]): CliArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) options.set(name, inline);
    else if (name === 'to') options.set(name, argv[++i] ?? '');
    else options.set(name, true);
  }
  return { positional, options };
}

export const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
export const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;

/** Runs a command with the server's configuration; a refusal is one line on stderr and exit 1. */
export async function runCli(
  usage: string,
  allowed: string[],
  command: (args: CliArgs, config: ReturnType<typeof loadConfig>) => Promise<void> | void,
): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const unknown = [...args.options.keys()].filter((k) => !allowed.includes(k));
  if (args.options.has('help') || unknown.length) {
    process.stderr.write(`${unknown.length ? `unknown option --${unknown[0]}\n` : ''}${usage}\n`);
    process.exit(args.options.has('help') ? 0 : 2);
  }
  try {
    await command(args, loadConfig());
  } catch (err) {
    if (!(err instanceof BackupError) && !(err instanceof Error && err.name === 'ConfigError')) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
