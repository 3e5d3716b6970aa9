import { LineChart } from '@mantine/charts';
import { Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must } from '../api/client.js';
import type { PageProps } from '../app.js';
import { ChartFigure } from '../ui/chart-figure.js';
import { ToneBadge } from '../ui/tone-badge.js';

const TONE = { ok: 'ok', decreased: 'warn', unreachable: 'danger', unknown: 'neutral' } as const;

/** User-count history of one device as a chart, and the users gone since the poll before the newest. */
function DeviceHistory({ deviceId }: { deviceId: number }) {
  const history = useQuery({
    queryKey: ['monitoring', 'history', deviceId],
    queryFn: () => must(api.GET('/api/device-users/monitoring/history', { params: { query: { deviceId, limit: 200 } } })),
  });
  const items = history.data?.items ?? [];
  const [latest, previous] = items;
  const now = new Set((latest?.userIds ?? []).map(String));
  const vanished = (previous?.userIds ?? []).map(String).filter((id) => !now.has(id));
  const points = [...items].reverse().map((h) => ({ at: new Date(h.recordedAt).toLocaleString(), users: h.userCount }));
  return (
    <Stack>
      <Title order={3}>User count history</Title>
      {points.length === 0 ? <Text>No counts recorded yet.</Text> : (
        <ChartFigure caption={`Users on device ${deviceId} at each poll, oldest first`}>
          <LineChart h={240} data={points} dataKey="at" series={[{ name: 'users', label: 'Users', color: 'blue.9' }]} curveType="linear" textColor="gray.8" />
        </ChartFigure>
      )}
      <Title order={3}>Vanished users</Title>
      {vanished.length === 0 ? <Text>None since the previous poll.</Text> : <Text role="status">{vanished.length} gone since {previous?.recordedAt}: {vanished.join(', ')}</Text>}
    </Stack>
  );
}

export function MonitoringPage(_: PageProps) {
  const status = useQuery({ queryKey: ['monitoring', 'status'], queryFn: () => must(api.GET('/api/device-users/monitoring/status')), refetchInterval: 10_000 });
  const [picked, setPicked] = useState<string | null>(null);
  const items = status.data?.items ?? [];
  const deviceId = picked ?? (items[0] ? String(items[0].deviceId) : null);
  return (
    <Stack>
      <Title order={2}>Monitoring</Title>
      <Table>
        <Table.Thead><Table.Tr><Table.Th>Device</Table.Th><Table.Th>Users now</Table.Th><Table.Th>Before</Table.Th><Table.Th>Status</Table.Th><Table.Th>Last contact</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.deviceId}>
              <Table.Td>{d.name}</Table.Td><Table.Td>{d.currentCount ?? '–'}</Table.Td><Table.Td>{d.previousCount ?? '–'}</Table.Td>
              <Table.Td><ToneBadge tone={TONE[d.status]}>{d.status}</ToneBadge></Table.Td><Table.Td>{d.lastContactAt ?? 'never'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Select label="Device" w={260} value={deviceId} onChange={setPicked} data={items.map((d) => ({ value: String(d.deviceId), label: d.name }))} />
      {deviceId && <DeviceHistory deviceId={Number(deviceId)} />}
    </Stack>
  );
}
