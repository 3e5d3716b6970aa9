import { Alert, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, must, problemText } from '../api/client.js';
import type { PageProps } from '../app.js';
import { useJobResult } from './job.js';
import { BADGE } from '../ui/palette.js';

interface Backup { deviceId: number | null; file: string | null }
interface RestoreResult {
  dryRun: boolean;
  toAdd: { userId: string; name: string }[];
  toChange: { userId: string; name: string; fields: string[] }[];
  templates: { userId: string; fingers: number[] }[];
  unchanged: number;
  deviceOnly: number;
  restored: number;
  failed: number;
}

/** What a dry run would change (or a real run changed), as the restore job reports it. */
function RestoreReport({ statusUrl }: { statusUrl: string }) {
  const job = useJobResult(statusUrl);
  const r = job.data?.result as RestoreResult | null | undefined;
  if (job.data?.state === 'failed') return <Alert color={BADGE.danger} role="alert">Restore failed: {job.data.failedReason}</Alert>;
  if (!r) return <Text size="sm" role="status">Restore job {job.data?.state ?? 'queued'}…</Text>;
  return (
    <Alert color={BADGE.info} role="status" title={r.dryRun ? 'Dry run: nothing was written' : `Restored ${r.restored}, failed ${r.failed}`}>
      <Text size="sm">{r.toAdd.length} to add, {r.toChange.length} to change, {r.templates.length} with fingerprints, {r.unchanged} unchanged, {r.deviceOnly} only on the device (kept)</Text>
      <Table>
        <Table.Tbody>
          {r.toAdd.map((u) => <Table.Tr key={`a${u.userId}`}><Table.Td>add</Table.Td><Table.Td>{u.userId}</Table.Td><Table.Td>{u.name}</Table.Td></Table.Tr>)}
          {r.toChange.map((u) => <Table.Tr key={`c${u.userId}`}><Table.Td>change {u.fields.join(', ')}</Table.Td><Table.Td>{u.userId}</Table.Td><Table.Td>{u.name}</Table.Td></Table.Tr>)}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}

export function BackupsPage({ canWrite }: PageProps) {
  const backups = useQuery({ queryKey: ['backups'], queryFn: () => must(api.GET('/api/device-users/backups', { params: { query: { limit: 100 } } })) });
  const [confirming, setConfirming] = useState<Backup | null>(null);
  const [statusUrl, setStatusUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const restore = async (b: Backup, dryRun: boolean) => {
    setConfirming(null);
    const { data, error: problem } = await api.POST('/api/device-users/backups/{filename}/restore', { params: { path: { filename: b.file! } }, body: { deviceId: b.deviceId!, dryRun } });
    setError(data ? null : problemText(problem));
    setStatusUrl(data?.statusUrl ?? null);
  };
  return (
    <Stack>
      <Title order={2}>Backups</Title>
      {error && <Alert color={BADGE.danger} role="alert">{error}</Alert>}
      {statusUrl && <RestoreReport statusUrl={statusUrl} />}
      <Table>
        <Table.Thead><Table.Tr><Table.Th>Taken</Table.Th><Table.Th>Device</Table.Th><Table.Th>File</Table.Th><Table.Th>Users</Table.Th><Table.Th>By</Table.Th>{canWrite && <Table.Th>Restore</Table.Th>}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {(backups.data?.items ?? []).map((b) => (
            <Table.Tr key={`${b.deviceId}-${b.file}-${b.createdAt}`} data-backup={b.file ?? ''}>
              <Table.Td>{b.createdAt}</Table.Td><Table.Td>{b.deviceId ?? '–'}</Table.Td><Table.Td>{b.file ?? '–'}</Table.Td><Table.Td>{b.userCount ?? '–'}</Table.Td><Table.Td>{b.createdBy}</Table.Td>
              {canWrite && (
                <Table.Td>
                  {b.file && b.deviceId !== null && (
                    <Group gap="xs">
                      <Button size="xs" variant="default" onClick={() => restore(b, true)}>Dry run</Button>
                      <Button size="xs" color="red.9" onClick={() => setConfirming(b)}>Restore</Button>
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title="Restore this backup?" closeButtonProps={{ 'aria-label': 'Close' }}>
        <Text size="sm">Device {confirming?.deviceId} gets the users of {confirming?.file}. A backup is taken first; no device user is deleted.</Text>
        <Group mt="md" justify="end">
          <Button variant="default" onClick={() => setConfirming(null)}>Cancel</Button>
          <Button color="red.9" onClick={() => confirming && restore(confirming, false)}>Yes, restore</Button>
        </Group>
      </Modal>
    </Stack>
  );
}
