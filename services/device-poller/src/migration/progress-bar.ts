/** A one-line progress bar for a TTY (redrawn in place); plain lines otherwise, so logs stay readable. */
export function progressBar(stream: NodeJS.WriteStream, width = 30) {
  return (done: number, total: number, label: string) => {
    const ratio = total === 0 ? 1 : done / total;
    const filled = Math.round(ratio * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label}`;
    if (stream.isTTY) stream.write(`\r${line.padEnd(stream.columns ? stream.columns - 1 : 80)}${done === total ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };
}

/** The summary table printed at the end of a migration run. */
export function formatSummary(rows: ReadonlyArray<{ deviceId: number; read: number; unmapped: string[]; inserted: number; rejected: number; error: string | null }>): string {
  const header = ['device', 'users read', 'unmapped', 'newly buffered', 'rejected', 'result'];
  const body = rows.map((r) => [String(r.deviceId), String(r.read), String(r.unmapped.length), String(r.inserted), String(r.rejected), r.error ?? 'ok']);
  const total = ['total', ...[1, 2, 3, 4].map((i) => String(body.reduce((s, r) => s + Number(r[i]), 0))), `${rows.filter((r) => r.error).length} failed`];
  const all = [header, ...body, total];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
}
