import { Alert, Button, Group, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must, problemText } from '../api/client.js';
import { fieldErrors } from '../ui/field-errors.js';
import { BADGE } from '../ui/palette.js';

function CreateSilence({ onDone }: { onDone: () => void }) {
  const [problem, setProblem] = useState<unknown>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? '').trim() || null;
    const { error, response } = await api.POST('/api/alert-silences', {
      body: { source: text('source'), type: text('type'), reason: String(f.get('reason') ?? ''), durationSeconds: Math.round(Number(f.get('minutes')) * 60) },
    });
    setProblem(response.ok ? null : error);
    if (response.ok) { form.reset(); onDone(); }
  };
  const errors = fieldErrors(problem);
  return (
    <form onSubmit={submit} aria-label="Create a silence">
      <Stack gap="xs">
        {problem !== null && <Alert color={BADGE.danger} role="alert">{problemText(problem)}</Alert>}
        <Group align="start">
          <TextInput name="source" label="Source" placeholder="device-poller" error={errors['source']} />
          <TextInput name="type" label="Type" error={errors['type']} />
          <NumberInput name="minutes" label="Minutes" defaultValue={60} min={1} error={errors['durationSeconds']} />
          <TextInput name="reason" label="Reason" error={errors['reason']} />
          <Button type="submit" mt={24}>Silence</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Active silences (expire one) and, for admins, a form to create one. */
export function Silences({ canWrite }: { canWrite: boolean }) {
  const queries = useQueryClient();
  const silences = useQuery({ queryKey: ['silences'], queryFn: () => must(api.GET('/api/alert-silences', { params: { query: { limit: 100 } } })) });
  const refresh = () => queries.invalidateQueries({ queryKey: ['silences'] });
  const expire = useMutation({ mutationFn: (id: string) => must(api.POST('/api/alert-silences/{id}/expire', { params: { path: { id } } })), onSettled: refresh });
  return (
    <Stack>
      {expire.error && <Alert color={BADGE.danger} role="alert">{problemText(expire.error)}</Alert>}
      <Table>
        <Table.Thead><Table.Tr><Table.Th>Source</Table.Th><Table.Th>Type</Table.Th><Table.Th>Reason</Table.Th><Table.Th>Until</Table.Th><Table.Th>By</Table.Th>{canWrite && <Table.Th>Action</Table.Th>}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {(silences.data?.items ?? []).map((s) => (
            <Table.Tr key={s.id} data-silence={s.reason}>
              <Table.Td>{s.source ?? 'any'}</Table.Td><Table.Td>{s.type ?? 'any'}</Table.Td><Table.Td>{s.reason}</Table.Td><Table.Td>{s.endsAt}</Table.Td><Table.Td>{s.createdBy}</Table.Td>
              {canWrite && <Table.Td><Button size="xs" variant="default" onClick={() => expire.mutate(s.id)}>Expire</Button></Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canWrite && <CreateSilence onDone={refresh} />}
    </Stack>
  );
}
