import { Alert, Button, Group, Select, Stack, Table, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must, problemText } from '../api/client.js';
import type { PageProps } from '../app.js';
import { ToneBadge } from '../ui/tone-badge.js';
import { BADGE } from '../ui/palette.js';

/** Staff search for one buffer row; maps on choice. */
function MapToStaff({ bufferId, onMapped }: { bufferId: number; onMapped: () => void }) {
  const [search, setSearch] = useState('');
  const [personId, setPersonId] = useState<string | null>(null);
  const staff = useQuery({ queryKey: ['staff', 'pick', search], queryFn: () => must(api.GET('/api/staff', { params: { query: { active: 'true', limit: 20, ...(search ? { q: search } : {}) } } })) });
  const map = useMutation({ mutationFn: () => must(api.POST('/api/device-users/buffer/{id}/map', { params: { path: { id: bufferId } }, body: { personId: Number(personId) } })), onSuccess: onMapped });
  return (
    <Group gap="xs">
      <Select
        aria-label={`Staff member for buffer row ${bufferId}`}
        placeholder="Search staff"
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        value={personId}
        onChange={setPersonId}
        data={(staff.data?.items ?? []).map((s) => ({ value: String(s.id), label: `${s.fullName}${s.employeeCode ? ` (${s.employeeCode})` : ''}` }))}
      />
      <Button size="xs" disabled={!personId} onClick={() => map.mutate()}>Map</Button>
      {map.error && <Alert color={BADGE.danger} role="alert">{problemText(map.error)}</Alert>}
    </Group>
  );
}

export function BufferPage({ canWrite }: PageProps) {
  const queries = useQueryClient();
  const [status, setStatus] = useState<string | null>('unmapped');
  const buffer = useQuery({
    queryKey: ['buffer', status],
    queryFn: () => must(api.GET('/api/device-users/buffer', { params: { query: { limit: 100, ...(status ? { status: status as 'unmapped' } : {}) } } })),
  });
  return (
    <Stack>
      <Title order={2}>Device users</Title>
      <Select label="Status" value={status} onChange={setStatus} clearable data={['unmapped', 'mapped', 'conflict', 'ignored']} w={200} />
      <Table>
        <Table.Thead><Table.Tr><Table.Th>Device</Table.Th><Table.Th>User id</Table.Th><Table.Th>Name</Table.Th><Table.Th>Card</Table.Th><Table.Th>Status</Table.Th>{canWrite && <Table.Th>Map to staff</Table.Th>}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {(buffer.data?.items ?? []).map((b) => (
            <Table.Tr key={b.id} data-buffer-user={b.deviceUserId} data-buffer-id={b.id}>
              <Table.Td>{b.deviceId}</Table.Td><Table.Td>{b.deviceUserId}</Table.Td><Table.Td>{b.name ?? '–'}</Table.Td><Table.Td>{b.cardNumber ?? '–'}</Table.Td>
              <Table.Td><ToneBadge tone="neutral">{b.mappingStatus}</ToneBadge></Table.Td>
              {canWrite && <Table.Td>{b.mappingStatus === 'unmapped' && <MapToStaff bufferId={b.id} onMapped={() => queries.invalidateQueries({ queryKey: ['buffer'] })} />}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
