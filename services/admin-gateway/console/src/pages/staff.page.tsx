import { Alert, Button, Group, Stack, Table, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must, problemText } from '../api/client.js';
import type { PageProps } from '../app.js';
import { ToneBadge } from '../ui/tone-badge.js';
import { BADGE } from '../ui/palette.js';

function ImportStaff({ onApplied }: { onApplied: () => void }) {
  const [csv, setCsv] = useState('employee_code,full_name,card_number\n');
  const run = useMutation({
    mutationFn: (dryRun: boolean) => must(api.POST('/api/staff/import', { body: { csv, dryRun } })),
    onSuccess: (r) => !r.dryRun && onApplied(),
  });
  const report = run.data;
  return (
    <Stack gap="xs">
      <Title order={3}>Import from CSV</Title>
      <Textarea label="CSV (employee_code, full_name, card_number, active)" autosize minRows={4} value={csv} onChange={(e) => setCsv(e.currentTarget.value)} />
      <Group>
        <Button variant="default" onClick={() => run.mutate(true)}>Dry run</Button>
        <Button onClick={() => run.mutate(false)} disabled={!report?.dryRun || report.summary.create + report.summary.update === 0}>Apply valid rows</Button>
      </Group>
      {run.error && <Alert color={BADGE.danger} role="alert">{problemText(run.error)}</Alert>}
      {report && (
        <>
          <Alert color={report.dryRun ? BADGE.info : BADGE.ok} role="status">
            {report.dryRun ? 'Dry run' : 'Applied'}: {report.summary.create} to create, {report.summary.update} to update, {report.summary.unchanged} unchanged, {report.summary.refuse} refused
          </Alert>
          <Table aria-label="Import report">
            <Table.Thead><Table.Tr><Table.Th>Line</Table.Th><Table.Th>Employee code</Table.Th><Table.Th>Action</Table.Th><Table.Th>Why</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {report.rows.map((r) => (
                <Table.Tr key={r.line}>
                  <Table.Td>{r.line}</Table.Td><Table.Td>{r.employeeCode}</Table.Td><Table.Td><ToneBadge tone={r.action === 'refuse' ? 'danger' : 'info'}>{r.action}</ToneBadge></Table.Td>
                  <Table.Td>{[...r.changed.map((c) => `changes ${c}`), ...r.errors.map((e) => `${e.field}: ${e.message}`)].join('; ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

export function StaffPage({ canWrite }: PageProps) {
  const queries = useQueryClient();
  const [q, setQ] = useState('');
  const staff = useQuery({ queryKey: ['staff', q], queryFn: () => must(api.GET('/api/staff', { params: { query: { limit: 100, ...(q ? { q } : {}) } } })) });
  const refresh = () => queries.invalidateQueries({ queryKey: ['staff'] });
  const deactivate = useMutation({ mutationFn: (staffId: number) => must(api.POST('/api/staff/{staffId}/deactivate', { params: { path: { staffId } } })), onSettled: refresh });
  const [error, setError] = useState<string | null>(null);
  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const code = String(f.get('employeeCode') ?? '');
    const card = String(f.get('cardNumber') ?? '');
    const { error: problem, response } = await api.POST('/api/staff', { body: { fullName: String(f.get('fullName')), ...(code ? { employeeCode: code } : {}), ...(card ? { cardNumber: card } : {}) } });
    if (!response.ok) return setError(problemText(problem));
    setError(null);
    refresh();
  };
  return (
    <Stack>
      <Title order={2}>Staff</Title>
      <TextInput label="Search" placeholder="name, employee code or card" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      {deactivate.error && <Alert color={BADGE.danger} role="alert">{problemText(deactivate.error)}</Alert>}
      <Table>
        <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Employee code</Table.Th><Table.Th>Card</Table.Th><Table.Th>Active</Table.Th>{canWrite && <Table.Th>Actions</Table.Th>}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {(staff.data?.items ?? []).map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.fullName}</Table.Td><Table.Td>{s.employeeCode ?? '–'}</Table.Td><Table.Td>{s.cardNumber ?? '–'}</Table.Td><Table.Td>{s.active ? 'yes' : 'no'}</Table.Td>
              {canWrite && <Table.Td>{s.active && <Button size="xs" variant="default" onClick={() => deactivate.mutate(s.id)}>Deactivate</Button>}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canWrite && (
        <>
          <form onSubmit={create} aria-label="Add a staff member">
            <Title order={3}>Add a staff member</Title>
            {error && <Alert color={BADGE.danger} role="alert">{error}</Alert>}
            <Group align="end">
              <TextInput name="fullName" label="Full name" required />
              <TextInput name="employeeCode" label="Employee code" />
              <TextInput name="cardNumber" label="Card number" />
              <Button type="submit">Add</Button>
            </Group>
          </form>
          <ImportStaff onApplied={refresh} />
        </>
      )}
    </Stack>
  );
}
