import { Button, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must } from '../api/client.js';
import type { PageProps } from '../app.js';

/** The device-user audit log, newest first; "Older" follows the keyset cursor (no offsets, no totals). */
export function AuditLogPage(_: PageProps) {
  const [operationType, setOperationType] = useState('');
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const devices = useQuery({ queryKey: ['devices'], queryFn: () => must(api.GET('/api/devices')) }).data?.items.map((d) => ({ value: String(d.id), label: d.name })) ?? [];
  const log = useInfiniteQuery({
    queryKey: ['audit-log', operationType, deviceId],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      must(api.GET('/api/device-users/audit-log', {
        params: { query: { limit: 50, ...(pageParam !== null ? { after: pageParam } : {}), ...(operationType ? { operationType } : {}), ...(deviceId ? { deviceId: Number(deviceId) } : {}) } },
      })),
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={2}>Audit log</Title>
      <Group>
        <Select label="Device" clearable w={220} value={deviceId} onChange={setDeviceId} data={devices} />
        <TextInput label="Operation" placeholder="e.g. user_mapped" value={operationType} onChange={(e) => setOperationType(e.currentTarget.value.trim())} />
      </Group>
      <Table>
        <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Device</Table.Th><Table.Th>Operation</Table.Th><Table.Th>User</Table.Th><Table.Th>By</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.occurredAt}</Table.Td><Table.Td>{r.deviceId ?? '–'}</Table.Td><Table.Td>{r.operationType}</Table.Td>
              <Table.Td>{r.deviceUserId ? `${r.deviceUserId}${r.deviceUserName ? ` (${r.deviceUserName})` : ''}` : '–'}</Table.Td><Table.Td>{r.performedBy}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {log.hasNextPage && <Button variant="default" loading={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>Older entries</Button>}
    </Stack>
  );
}
