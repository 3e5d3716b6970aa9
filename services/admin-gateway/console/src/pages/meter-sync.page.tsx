import { Alert, Button, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must, problemText } from '../api/client.js';
import type { PageProps } from '../app.js';
import { ToneBadge } from '../ui/tone-badge.js';
import { BADGE } from '../ui/palette.js';

const TONE = { queued: 'neutral', running: 'info', succeeded: 'ok', failed: 'danger' } as const;
type Entities = Record<string, { inserted: number; updated: number; deleted: number; skipped?: number }> | null;
const counts = (e: Entities) => Object.entries(e ?? {}).map(([name, c]) => `${name} +${c.inserted} ~${c.updated} -${c.deleted}`).join('; ') || '–';

function Runs({ tenantId }: { tenantId: number }) {
  const runs = useQuery({ queryKey: ['meter-sync', 'runs', tenantId], queryFn: () => must(api.GET('/api/meter-sync/tenants/{tenantId}/runs', { params: { path: { tenantId }, query: { limit: 20 } } })), refetchInterval: 2_000 });
  return (
    <Table>
      <Table.Thead><Table.Tr><Table.Th>Created</Table.Th><Table.Th>Trigger</Table.Th><Table.Th>Status</Table.Th><Table.Th>Per entity (+ins ~upd -del)</Table.Th><Table.Th>Verified</Table.Th><Table.Th>Duration</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {(runs.data?.items ?? []).map((r) => (
          <Table.Tr key={r.runId}>
            <Table.Td>{r.createdAt}</Table.Td><Table.Td>{r.trigger}</Table.Td><Table.Td><ToneBadge tone={TONE[r.status]}>{r.status}</ToneBadge></Table.Td>
            <Table.Td>{counts(r.entities as Entities)}{r.error ? ` — ${r.error}` : ''}</Table.Td><Table.Td>{r.verified === null ? '–' : r.verified ? 'yes' : 'NO'}</Table.Td><Table.Td>{r.durationMs === null ? '–' : `${r.durationMs} ms`}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function MeterSyncPage({ canWrite }: PageProps) {
  const queries = useQueryClient();
  const tenants = useQuery({ queryKey: ['meter-sync', 'tenants'], queryFn: () => must(api.GET('/api/meter-sync/tenants')), refetchInterval: 5_000 });
  const [picked, setPicked] = useState<string | null>(null);
  const [other, setOther] = useState<string | number>('');
  const items = tenants.data?.items ?? [];
  const tenantId = picked ?? (items[0] ? String(items[0].tenantId) : null);
  const trigger = useMutation({ mutationFn: (id: number) => must(api.POST('/api/meter-sync/tenants/{tenantId}/sync', { params: { path: { tenantId: id } } })), onSettled: () => queries.invalidateQueries({ queryKey: ['meter-sync'] }) });
  return (
    <Stack>
      <Title order={2}>Meter sync</Title>
      {trigger.error && <Alert color={BADGE.danger} role="alert">{problemText(trigger.error)}</Alert>}
      {trigger.data && <Alert color={BADGE.info} role="status">Run {trigger.data.runId} queued.</Alert>}
      <Table>
        <Table.Thead><Table.Tr><Table.Th>Tenant</Table.Th><Table.Th>Meters</Table.Th><Table.Th>Last run</Table.Th>{canWrite && <Table.Th>Action</Table.Th>}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((t) => (
            <Table.Tr key={t.tenantId} data-tenant={t.tenantId}>
              <Table.Td>{t.tenantId}</Table.Td><Table.Td>{t.meters}</Table.Td>
              <Table.Td>{t.lastRun ? <ToneBadge tone={TONE[t.lastRun.status]}>{t.lastRun.status}</ToneBadge> : 'never'}</Table.Td>
              {canWrite && <Table.Td><Button size="xs" onClick={() => trigger.mutate(t.tenantId)}>Sync now</Button></Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {items.length === 0 && <Text>No tenant has meters or runs yet.</Text>}
      {canWrite && (
        <Group align="end">
          <NumberInput label="Another tenant id" min={1} value={other} onChange={setOther} w={200} />
          <Button disabled={!Number(other)} onClick={() => trigger.mutate(Number(other))}>Sync tenant</Button>
        </Group>
      )}
      <Select label="Runs of tenant" w={200} value={tenantId} onChange={setPicked} data={items.map((t) => String(t.tenantId))} />
      {tenantId && <Runs tenantId={Number(tenantId)} />}
    </Stack>
  );
}
