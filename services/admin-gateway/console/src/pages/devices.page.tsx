import { Alert, Button, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must, problemText } from '../api/client.js';
import type { PageProps } from '../app.js';
import { HealthBadge } from './health-badge.js';
import { useJobResult } from './job.js';
import { BADGE } from '../ui/palette.js';

function RegisterDevice({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const commKey = String(f.get('commKey') ?? '');
    const { error: problem, response } = await api.POST('/api/devices', {
      body: {
        name: String(f.get('name')),
        host: String(f.get('host')),
        port: Number(f.get('port')),
        timezone: String(f.get('timezone')),
        pollIntervalSeconds: Number(f.get('pollIntervalSeconds')),
        ...(commKey ? { commKey: Number(commKey) } : {}),
      },
    });
    if (!response.ok) return setError(problemText(problem));
    setError(null);
    e.currentTarget?.reset();
    onDone();
  };
  return (
    <form onSubmit={submit} aria-label="Register a device">
      <Stack gap="xs">
        <Title order={3}>Register a device</Title>
        {error && <Alert color={BADGE.danger} role="alert">{error}</Alert>}
        <Group align="end">
          <TextInput name="name" label="Name" required />
          <TextInput name="host" label="Host" required />
          <NumberInput name="port" label="Port" defaultValue={4370} min={1} max={65535} />
          <TextInput name="timezone" label="Time zone" defaultValue="UTC" />
          <NumberInput name="pollIntervalSeconds" label="Poll interval (s)" defaultValue={300} min={10} />
          <TextInput name="commKey" label="Comm key" type="password" autoComplete="off" />
          <Button type="submit">Register</Button>
        </Group>
      </Stack>
    </form>
  );
}

function TestConnection({ deviceId }: { deviceId: number }) {
  const [statusUrl, setStatusUrl] = useState<string | null>(null);
  const result = useJobResult(statusUrl);
  const start = async () => setStatusUrl((await must(api.POST('/api/devices/{deviceId}/test-connection', { params: { path: { deviceId } } }))).statusUrl);
  const r = result.data?.result as { ok: boolean; serialNumber?: string | null; firmwareVersion?: string | null; userCount?: number; logCount?: number; error?: { type: string; message: string } } | null | undefined;
  return (
    <Group gap="xs">
      <Button size="xs" variant="default" onClick={start}>Test connection</Button>
      {statusUrl && !r && <Text size="sm">testing…</Text>}
      {r?.ok && <Text size="sm" role="status">Connected: {r.userCount} users, {r.logCount} logs; serial {r.serialNumber ?? 'unknown'}, firmware {r.firmwareVersion ?? 'unknown'}</Text>}
      {r && !r.ok && <Text size="sm" c="red.9" role="status">{r.error?.type}: {r.error?.message}</Text>}
    </Group>
  );
}

export function DevicesPage({ canWrite }: PageProps) {
  const queries = useQueryClient();
  const devices = useQuery({ queryKey: ['devices'], queryFn: () => must(api.GET('/api/devices')), refetchInterval: 3_000 });
  const refresh = () => queries.invalidateQueries({ queryKey: ['devices'] });
  const act = useMutation({
    mutationFn: async ({ id, action }: { id: number; action: 'sync' | 'enable' | 'disable' }) => {
      const params = { params: { path: { deviceId: id } } };
      if (action === 'sync') return must(api.POST('/api/devices/{deviceId}/sync', params));
      if (action === 'enable') return must(api.POST('/api/devices/{deviceId}/enable', params));
      return must(api.POST('/api/devices/{deviceId}/disable', params));
    },
    onSettled: refresh,
  });
  return (
    <Stack>
      <Title order={2}>Devices</Title>
      {act.error && <Alert color={BADGE.danger} role="alert">{problemText(act.error)}</Alert>}
      <Table>
        <Table.Thead>
          <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Address</Table.Th><Table.Th>Health</Table.Th><Table.Th>Users</Table.Th><Table.Th>Enabled</Table.Th>{canWrite && <Table.Th>Actions</Table.Th>}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(devices.data?.items ?? []).map((d) => (
            <Table.Tr key={d.id} data-device={d.name}>
              <Table.Td>{d.name}</Table.Td>
              <Table.Td>{d.host}:{d.port} ({d.timezone})</Table.Td>
              <Table.Td><HealthBadge status={d.health.status} />{d.health.lastError && <Text size="xs">{d.health.lastError}</Text>}</Table.Td>
              <Table.Td>{d.health.userCount ?? '–'}</Table.Td>
              <Table.Td>{d.enabled ? 'yes' : 'no'}</Table.Td>
              {canWrite && (
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" disabled={!d.enabled} onClick={() => act.mutate({ id: d.id, action: 'sync' })}>Sync now</Button>
                    <Button size="xs" variant="default" onClick={() => act.mutate({ id: d.id, action: d.enabled ? 'disable' : 'enable' })}>{d.enabled ? 'Disable' : 'Enable'}</Button>
                    <TestConnection deviceId={d.id} />
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canWrite && <RegisterDevice onDone={refresh} />}
    </Stack>
  );
}
