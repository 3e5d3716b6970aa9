import { Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, must } from '../api/client.js';
import type { PageProps } from '../app.js';
import { ToneBadge } from '../ui/tone-badge.js';
import { HealthBadge } from './health-badge.js';

export function OverviewPage(_: PageProps) {
  const devices = useQuery({ queryKey: ['devices'], queryFn: () => must(api.GET('/api/devices')), refetchInterval: 10_000 });
  const alerts = useQuery({ queryKey: ['alerts', 'open'], queryFn: () => must(api.GET('/api/alerts', { params: { query: { open: 'true', limit: 10 } } })), refetchInterval: 10_000 });
  const items = devices.data?.items ?? [];
  const byStatus = (s: string) => items.filter((d) => d.health.status === s).length;
  return (
    <Stack>
      <Title order={2}>Overview</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {(['ok', 'degraded', 'unreachable', 'unknown'] as const).map((s) => (
          <Card withBorder key={s}>
            <Text size="sm">Devices {s}</Text>
            <Text size="xl" fw={700}>{byStatus(s)}</Text>
          </Card>
        ))}
      </SimpleGrid>
      <Title order={3}>Fleet</Title>
      <Table>
        <Table.Thead><Table.Tr><Table.Th>Device</Table.Th><Table.Th>Health</Table.Th><Table.Th>Last success</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id}><Table.Td>{d.name}</Table.Td><Table.Td><HealthBadge status={d.health.status} /></Table.Td><Table.Td>{d.health.lastSuccessAt ?? 'never'}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3}>Open alerts ({alerts.data?.total ?? 0})</Title>
      <Stack gap="xs">
        {(alerts.data?.items ?? []).map((a) => (
          <Group key={a.id}><ToneBadge tone={a.severity === 'high' ? 'danger' : 'neutral'}>{a.severity}</ToneBadge><Text>{a.source}: {a.message}</Text></Group>
        ))}
      </Stack>
    </Stack>
  );
}
