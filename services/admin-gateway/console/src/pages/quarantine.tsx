import { SegmentedControl, Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must } from '../api/client.js';

/** Changes the hub refused, with the reason (read-only: a node resolves them by sending a valid change). */
export function Quarantine() {
  const [resolved, setResolved] = useState<'true' | 'false'>('false');
  const rows = useQuery({ queryKey: ['exchange', 'quarantine', resolved], queryFn: () => must(api.GET('/api/exchange/quarantine', { params: { query: { resolved, limit: 100 } } })) });
  return (
    <Stack>
      <SegmentedControl aria-label="Which quarantined changes" w={260} value={resolved} onChange={(v) => setResolved(v as 'true' | 'false')} data={[{ value: 'false', label: 'Unresolved' }, { value: 'true', label: 'Resolved' }]} />
      <Table>
        <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Node</Table.Th><Table.Th>Packet</Table.Th><Table.Th>Entity</Table.Th><Table.Th>Operation</Table.Th><Table.Th>Reason</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {(rows.data?.items ?? []).map((q) => (
            <Table.Tr key={q.id}>
              <Table.Td>{q.createdAt}</Table.Td><Table.Td>{q.nodeCode}</Table.Td><Table.Td>{q.packetNo}</Table.Td><Table.Td>{q.entityType} {q.entityUuid}</Table.Td><Table.Td>{q.operation}</Table.Td><Table.Td>{q.code}: {q.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
