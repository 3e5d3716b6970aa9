import { Alert, Button, Code, CopyButton, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must, problemText } from '../api/client.js';
import type { PageProps } from '../app.js';
import { fieldErrors } from '../ui/field-errors.js';
import { Quarantine } from './quarantine.js';
import { BADGE } from '../ui/palette.js';

/** Registers a node and shows its token this once, with a copy button; it is never shown again. */
function RegisterNode({ onDone }: { onDone: () => void }) {
  const [problem, setProblem] = useState<unknown>(null);
  const [token, setToken] = useState<{ code: string; token: string } | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const { data, error } = await api.POST('/api/exchange/nodes', { body: { code: String(f.get('code') ?? ''), name: String(f.get('name') ?? '') } });
    setProblem(data ? null : error);
    setToken(data ? { code: data.code, token: data.token } : null);
    if (data) { form.reset(); onDone(); }
  };
  const errors = fieldErrors(problem);
  return (
    <form onSubmit={submit} aria-label="Register a node">
      <Stack gap="xs">
        <Title order={3}>Register a node</Title>
        {problem !== null && <Alert color={BADGE.danger} role="alert">{problemText(problem)}</Alert>}
        {token && (
          <Alert color={BADGE.warn} role="status" title={`Token of ${token.code}: copy it now, it is not shown again`}>
            <Group><Code data-token>{token.token}</Code><CopyButton value={token.token}>{({ copied, copy }) => <Button size="xs" onClick={copy}>{copied ? 'Copied' : 'Copy token'}</Button>}</CopyButton></Group>
          </Alert>
        )}
        <Group align="start">
          <TextInput name="code" label="Code" placeholder="DESKTOP-1" required error={errors['code']} />
          <TextInput name="name" label="Name" required error={errors['name']} />
          <Button type="submit" mt={24}>Register node</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ExchangePage({ canWrite }: PageProps) {
  const queries = useQueryClient();
  const nodes = useQuery({ queryKey: ['exchange', 'nodes'], queryFn: () => must(api.GET('/api/exchange/nodes')), refetchInterval: 5_000 });
  const refresh = () => queries.invalidateQueries({ queryKey: ['exchange'] });
  const toggle = useMutation({
    mutationFn: ({ id, enable }: { id: string; enable: boolean }) =>
      enable ? must(api.POST('/api/exchange/nodes/{id}/enable', { params: { path: { id } } })) : must(api.POST('/api/exchange/nodes/{id}/disable', { params: { path: { id } } })),
    onSettled: refresh,
  });
  return (
    <Stack>
      <Title order={2}>Exchange nodes</Title>
      {toggle.error && <Alert color={BADGE.danger} role="alert">{problemText(toggle.error)}</Alert>}
      <Table>
        <Table.Thead><Table.Tr><Table.Th>Code</Table.Th><Table.Th>Name</Table.Th><Table.Th>Enabled</Table.Th><Table.Th>Last in / out</Table.Th><Table.Th>Pending</Table.Th><Table.Th>Quarantined</Table.Th>{canWrite && <Table.Th>Action</Table.Th>}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {(nodes.data?.items ?? []).map((n) => (
            <Table.Tr key={n.id} data-node={n.code}>
              <Table.Td>{n.code}</Table.Td><Table.Td>{n.name}</Table.Td><Table.Td>{n.enabled ? 'yes' : 'no'}</Table.Td>
              <Table.Td>{n.lastSyncIn ?? 'never'} / {n.lastSyncOut ?? 'never'}</Table.Td><Table.Td>{n.pendingChanges}</Table.Td><Table.Td>{n.quarantined}</Table.Td>
              {canWrite && <Table.Td><Button size="xs" variant="default" onClick={() => toggle.mutate({ id: n.id, enable: !n.enabled })}>{n.enabled ? 'Disable' : 'Enable'}</Button></Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canWrite && <RegisterNode onDone={refresh} />}
      <Title order={3}>Quarantine</Title>
      <Quarantine />
    </Stack>
  );
}
