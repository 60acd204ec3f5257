// After an export, the screen says which file was written (issue 13: staff could not tell
// whether anything happened, or what to look for in the downloads).
import { useCallback, useState } from 'react';
import { downloadCsv } from './downloadCsv';
import { useWords } from '../i18n/useWords';

export function useCsvExport(): { fileName: string | null; exportCsv: (fileName: string, csv: string) => void } {
  const [fileName, setFileName] = useState<string | null>(null);
  const exportCsv = useCallback((name: string, csv: string) => {
    downloadCsv(name, csv);
    setFileName(name);
  }, []);
  return { fileName, exportCsv };
}

/** "Exported to the file attendance-….csv in your downloads." */
export function ExportNote({ fileName }: { fileName: string | null }) {
  const words = useWords();
  return (
    <p className="export-note" role="status" data-testid="export-note">
      {fileName ? <><span aria-hidden="true">✓ </span>{words.rich('export.done', { file: <strong className="export-note__file">{fileName}</strong> })}</> : null}
    </p>
  );
}
