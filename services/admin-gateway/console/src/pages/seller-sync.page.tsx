import { LineChart } from '@mantine/charts';
import { Alert, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, must, problemText } from '../api/client.js';
import type { PageProps } from '../app.js';
import { ChartFigure } from '../ui/chart-figure.js';
import { SellerSettings } from './seller-settings.js';
import { BADGE } from '../ui/palette.js';

const pct = (r: number | null | undefined) => (r === null || r === undefined ? '–' : `${Math.round(r * 100)}%`);

/** The running sync: a live progress bar, and Cancel for admins. */
function RunningSync({ canWrite }: { canWrite: boolean }) {
  const queries = useQueryClient();
  const status = useQuery({ queryKey: ['seller-sync', 'status'], queryFn: () => must(api.GET('/api/seller-sync/status')), refetchInterval: 1_000 });
  const cancel = useMutation({ mutationFn: (syncId: string) => must(api.POST('/api/seller-sync/syncs/{syncId}/cancel', { params: { path: { syncId } } })), onSettled: () => queries.invalidateQueries({ queryKey: ['seller-sync'] }) });
  const current = status.data?.current;
  const run = current ?? status.data?.lastSync;
  if (!run) return <Text role="status">No sync has run yet.</Text>;
  const p = run.progress;
  const percent = run.status === 'completed' ? 100 : p && p.total > 0 ? Math.round((p.processed / p.total) * 100) : 0;
  const sum = run.summary;
  return (
    <Stack gap="xs">
      {cancel.error && <Alert color={BADGE.danger} role="alert">{problemText(cancel.error)}</Alert>}
      <Text role="status">
        {current ? `Sync ${p?.phase ?? 'starting'}` : `Last sync ${run.status} at ${run.finishedAt ?? run.startedAt}`}: {percent}% ({p?.processed ?? 0} of {p?.total ?? '?'}, {p?.errors ?? 0} errors)
        {sum ? ` — ${sum.created} created, ${sum.updated} updated, ${sum.unchanged} unchanged` : ''}{current?.cancelRequestedAt ? ' — cancelling' : ''}
      </Text>
      <Progress value={percent} aria-label="Seller sync progress" />
      {canWrite && current && !current.cancelRequestedAt && <Group><Button size="xs" variant="default" onClick={() => cancel.mutate(current.syncId)}>Cancel sync</Button></Group>}
    </Stack>
  );
}

export function SellerSyncPage({ canWrite }: PageProps) {
  const queries = useQueryClient();
  const dashboard = useQuery({ queryKey: ['seller-sync', 'dashboard'], queryFn: () => must(api.GET('/api/seller-sync/dashboard', { params: { query: { trendDays: 7, alerts: 10 } } })), refetchInterval: 5_000 });
  const start = useMutation({ mutationFn: () => must(api.POST('/api/seller-sync/syncs')), onSettled: () => queries.invalidateQueries({ queryKey: ['seller-sync'] }) });
  const d = dashboard.data;
  const trend = (d?.trend ?? []).map((t) => ({ at: new Date(t.timestamp).toLocaleString(), succeeded: t.successCount, failed: t.failureCount }));
  const cards = [
    ['Last success', d?.lastSuccessfulSync ?? 'never'],
    ['Next scheduled', d?.nextScheduledSync ?? 'none'],
    ['Success 24 h / 7 d', `${pct(d?.successRate24h)} / ${pct(d?.successRate7d)}`],
    ['Gaps (sellers missing)', String(d?.currentGapCount ?? '–')],
  ] as const;
  return (
    <Stack>
      <Title order={2}>Seller sync</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {cards.map(([label, value]) => <Card withBorder key={label}><Text size="sm">{label}</Text><Text fw={700}>{value}</Text></Card>)}
      </SimpleGrid>
      {canWrite && <Group><Button onClick={() => start.mutate()} loading={start.isPending}>Sync now</Button></Group>}
      {start.error && <Alert color={BADGE.danger} role="alert">{problemText(start.error)}</Alert>}
      <RunningSync canWrite={canWrite} />
      <Title order={3}>Trend</Title>
      {trend.length === 0 ? <Text>No finished syncs in the last 7 days.</Text> : (
        <ChartFigure caption="Sellers synced and failed per run, last 7 days">
          <LineChart h={220} data={trend} dataKey="at" curveType="linear" textColor="gray.8" withLegend
            series={[{ name: 'succeeded', label: 'Sellers synced', color: 'blue.9' }, { name: 'failed', label: 'Sellers failed', color: 'red.9' }]} />
        </ChartFigure>
      )}
      <Title order={3}>Recent alerts</Title>
      {(d?.recentAlerts ?? []).length === 0 ? <Text>None.</Text> : (d?.recentAlerts ?? []).map((a) => <Text key={a.id} size="sm">{a.severity} · {a.type}: {a.message} ({a.occurrences}×)</Text>)}
      <SellerSettings canWrite={canWrite} />
    </Stack>
  );
}
