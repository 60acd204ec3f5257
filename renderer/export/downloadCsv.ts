// Hands a CSV text to the browser as a download: a Blob and a link clicked in the page, so it
// works the same under Electron and in the browser desk, with no file system access.
/** Excel reads a CSV as UTF-8 (José, Núñez) only when it starts with a byte-order mark. */
const BOM = '\uFEFF';

export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([BOM, csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the data once started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
