import { join } from 'node:path';
import { backupDatabase, backupName } from './backup.js';
import { mb, runCli, say } from './cli.js';

const USAGE = `usage: npm run backup [-- --to FILE] [--json]
Copies the live database (the server may keep running) to FILE, by default
<GUICHET_DATA_DIR>/backups/guichet-YYYYMMDD-HHMMSS.sqlite, and verifies the copy.`;

const KEY_LINE = {
  copied: (file: string | null) =>
    `personal-number key copied to ${file}: keep it with the backup, restore needs both`,
  environment: () => 'personal-number key is GUICHET_PII_KEY: keep the environment file with the backups',
  none: () => 'no personal-number key yet',
};

await runCli(USAGE, ['to', 'json', 'help'], async (args, config) => {
  const to = args.options.get('to');
  if (to === true || to === '' || args.positional.length) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const destination = to ?? join(config.dataDir, 'backups', backupName());
  const report = await backupDatabase(config.dbFile, destination, {
    dataDir: config.dataDir,
    envKey: config.piiKey ?? null,
  });
  if (args.options.has('json')) return say(JSON.stringify(report));
  say(
    `backup written: ${report.file}\n  ${mb(report.bytes)}, ${report.tickets} tickets, ${report.users} accounts, ` +
      `schema ${report.schema}; integrity ok; copy ${report.copyMs.toFixed(0)} ms, total ${report.totalMs.toFixed(0)} ms\n  ` +
      KEY_LINE[report.piiKey](report.piiKeyFile) +
      (report.piiKeyMatches === false
        ? '\n  warning: this key is not the one the database’s hashes were made with'
        : ''),
  );
});
