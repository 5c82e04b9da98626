import { useState } from 'preact/hooks';
import { failureText, locale, session } from '../../store';
import { rt } from '../../strings/reports';
import { downloadExport, type ExportKind } from './api';

/**
 * CSV and XLSX of the same query as the screen, made by the server (one definition of every
 * figure): the screen never builds its own file.
 */
export function ExportButtons({
  branchId,
  kind,
  query,
}: {
  branchId: string;
  kind: ExportKind;
  query: Record<string, string | undefined>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    const token = session.value?.token;
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      await downloadExport(token, branchId, kind, { ...query, format, lang: locale.value });
    } catch (e) {
      setError(rt('exportFailed', { reason: failureText(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="export-buttons">
      <button type="button" class="btn" data-export="csv" disabled={busy} onClick={() => void run('csv')}>
        {busy ? rt('exporting') : rt('exportCsv')}
      </button>
      <button type="button" class="btn" data-export="xlsx" disabled={busy} onClick={() => void run('xlsx')}>
        {rt('exportXlsx')}
      </button>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
