import { Alert, Button, Group, SegmentedControl, Stack, Table, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must, problemText } from '../api/client.js';
import type { PageProps } from '../app.js';
import { ToneBadge } from '../ui/tone-badge.js';
import { Silences } from './silences.js';
import { BADGE } from '../ui/palette.js';

const SEVERITY = { high: 'danger', medium: 'warn', low: 'neutral' } as const;

export function AlertsPage({ canWrite }: PageProps) {
  const queries = useQueryClient();
  const [open, setOpen] = useState<'true' | 'false'>('true');
  const alerts = useQuery({ queryKey: ['alerts', open], queryFn: () => must(api.GET('/api/alerts', { params: { query: { open, limit: 100 } } })), refetchInterval: 10_000 });
  const ack = useMutation({
    mutationFn: (id: string) => must(api.POST('/api/alerts/{id}/acknowledge', { params: { path: { id } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: ['alerts'] }),
  });
  return (
    <Stack>
      <Title order={2}>Alerts</Title>
      <SegmentedControl aria-label="Which alerts" w={260} value={open} onChange={(v) => setOpen(v as 'true' | 'false')} data={[{ value: 'true', label: 'Open' }, { value: 'false', label: 'Acknowledged' }]} />
      {ack.error && <Alert color={BADGE.danger} role="alert">{problemText(ack.error)}</Alert>}
      <Table>
        <Table.Thead><Table.Tr><Table.Th>Severity</Table.Th><Table.Th>Source</Table.Th><Table.Th>Type</Table.Th><Table.Th>Message</Table.Th><Table.Th>Seen</Table.Th><Table.Th>Last seen</Table.Th>{canWrite && <Table.Th>Action</Table.Th>}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {(alerts.data?.items ?? []).map((a) => (
            <Table.Tr key={a.id} data-alert={a.type}>
              <Table.Td><ToneBadge tone={SEVERITY[a.severity as keyof typeof SEVERITY] ?? 'neutral'}>{a.severity}</ToneBadge></Table.Td>
              <Table.Td>{a.source}</Table.Td><Table.Td>{a.type}</Table.Td><Table.Td>{a.message}</Table.Td><Table.Td>{a.occurrences}×</Table.Td><Table.Td>{a.lastSeenAt}</Table.Td>
              {canWrite && <Table.Td>{!a.acknowledged && <Button size="xs" onClick={() => ack.mutate(a.id)}>Acknowledge</Button>}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group><Title order={3}>Silences</Title></Group>
      <Silences canWrite={canWrite} />
    </Stack>
  );
}
