import { mb, runCli, say } from './cli.js';
import { restoreDatabase } from './restore.js';

const USAGE = `usage: npm run restore -- FILE [--without-key] [--json]
Stop the server first. Verifies FILE (an SQLite database made by Guichet, undamaged, not from a
newer release), keeps the current database as <file>.before-restore-<time>, and puts FILE in its
place in one step. Start the server afterwards; it applies any newer migrations.
The personal-number key written beside the backup (FILE without .sqlite, plus .pii.key) is put
in <data dir>/pii.key; a key that is not the backup's is refused. --without-key restores without
it: per-person limits and personal-number matches then start over.`;

const KEY_LINE = {
  installed: 'personal-number key installed from beside the backup',
  matches: 'personal-number key: the server’s own is the backup’s',
  unchecked: 'personal-number key: the backup is older than key checks; not verified',
  dropped: 'personal-number key dropped (--without-key): per-person limits start over',
};

await runCli(USAGE, ['json', 'help', 'without-key'], (args, config) => {
  const [file, ...extra] = args.positional;
  if (!file || extra.length) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const report = restoreDatabase(
    file,
    config.dbFile,
    { dataDir: config.dataDir, envKey: config.piiKey ?? null },
    args.options.has('without-key'),
  );
  if (args.options.has('json')) return say(JSON.stringify(report));
  say(
    `restored ${file} to ${report.file}\n  ${mb(report.bytes)}, ${report.tickets} tickets, ${report.users} accounts, ` +
      `schema ${report.schema}; integrity ok; ${report.ms.toFixed(0)} ms` +
      `\n  ${KEY_LINE[report.piiKey]}` +
      (report.previous ? `\n  the database it replaced is kept as ${report.previous}` : '') +
      (report.previousKey ? `\n  the key it replaced is kept as ${report.previousKey}` : ''),
  );
});
