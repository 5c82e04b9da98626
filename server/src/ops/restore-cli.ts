import { mb, runCli, say } from './cli.js';
import { restoreDatabase } from './restore.js';

const USAGE = `usage: npm run restore -- FILE [--json]
Stop the server first. Verifies FILE (an SQLite database made by Guichet, undamaged, not from a
newer release), keeps the current database as <file>.before-restore-<time>, and puts FILE in its
place in one step. Start the server afterwards; it applies any newer migrations.`;

await runCli(USAGE, ['json', 'help'], (args, config) => {
  const [file, ...extra] = args.positional;
  if (!file || extra.length) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const report = restoreDatabase(file, config.dbFile);
  if (args.options.has('json')) return say(JSON.stringify(report));
  say(
    `restored ${file} to ${report.file}\n  ${mb(report.bytes)}, ${report.tickets} tickets, ${report.users} accounts, ` +
      `schema ${report.schema}; integrity ok; ${report.ms.toFixed(0)} ms` +
      (report.previous ? `\n  the database it replaced is kept as ${report.previous}` : ''),
  );
});
