import { Alert, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must, problemText } from '../api/client.js';
import type { PageProps } from '../app.js';
import { BADGE } from '../ui/palette.js';

type Side = 'device' | 'database';

function Side({ title, data }: { title: string; data: Record<string, unknown> | null }) {
  return (
    <Card withBorder>
      <Text fw={700}>{title}</Text>
      <Table>
        <Table.Tbody>
          {Object.entries(data ?? {}).map(([k, v]) => <Table.Tr key={k}><Table.Th>{k}</Table.Th><Table.Td>{String(v ?? '–')}</Table.Td></Table.Tr>)}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function ConflictsPage({ canWrite }: PageProps) {
  const queries = useQueryClient();
  const conflicts = useQuery({ queryKey: ['conflicts'], queryFn: () => must(api.GET('/api/device-users/conflicts', { params: { query: { resolved: 'false' } } })) });
  const [fields, setFields] = useState<{ name: Side; cardNumber: Side }>({ name: 'device', cardNumber: 'database' });
  const resolve = useMutation({
    mutationFn: ({ id, strategy }: { id: number; strategy: 'use_device' | 'use_database' | 'merge' }) =>
      must(api.POST('/api/device-users/conflicts/{id}/resolve', { params: { path: { id } }, body: strategy === 'merge' ? { strategy, fields } : { strategy } })),
    onSettled: () => queries.invalidateQueries({ queryKey: ['conflicts'] }),
  });
  return (
    <Stack>
      <Title order={2}>Conflicts</Title>
      {resolve.error && <Alert color={BADGE.danger} role="alert">{problemText(resolve.error)}</Alert>}
      {resolve.data && <Alert color={BADGE.ok} role="status">Resolved conflict {resolve.data.conflict.id}{resolve.data.command ? '; the device is being updated' : ''}</Alert>}
      {(conflicts.data?.items ?? []).length === 0 && <Text>No open conflicts.</Text>}
      {(conflicts.data?.items ?? []).map((c) => (
        <Card withBorder key={c.id}>
          <Text>Device {c.deviceId}, user {c.deviceUserId}: {c.conflictType}</Text>
          <SimpleGrid cols={2}>
            <Side title="On the device" data={c.deviceData} />
            <Side title="In the database" data={c.databaseData} />
          </SimpleGrid>
          {canWrite && (
            <Group mt="sm">
              <Button size="xs" onClick={() => resolve.mutate({ id: c.id, strategy: 'use_device' })}>Use device</Button>
              <Button size="xs" onClick={() => resolve.mutate({ id: c.id, strategy: 'use_database' })}>Use database</Button>
              <SegmentedControl aria-label="Name from" value={fields.name} onChange={(v) => setFields({ ...fields, name: v as Side })} data={[{ value: 'device', label: 'name: device' }, { value: 'database', label: 'name: database' }]} />
              <SegmentedControl aria-label="Card from" value={fields.cardNumber} onChange={(v) => setFields({ ...fields, cardNumber: v as Side })} data={[{ value: 'device', label: 'card: device' }, { value: 'database', label: 'card: database' }]} />
              <Button size="xs" variant="default" onClick={() => resolve.mutate({ id: c.id, strategy: 'merge' })}>Merge</Button>
            </Group>
          )}
        </Card>
      ))}
    </Stack>
  );
}
