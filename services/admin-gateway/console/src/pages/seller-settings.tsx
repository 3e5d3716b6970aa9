import { Alert, Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must, problemText } from '../api/client.js';
import { fieldErrors } from '../ui/field-errors.js';
import { BADGE } from '../ui/palette.js';

const NUMBERS = [
  ['syncIntervalMinutes', 'Sync interval (minutes)'],
  ['consecutiveFailureThreshold', 'Alert after failed runs in a row'],
  ['syncGapThreshold', 'Alert above missing sellers'],
  ['noSyncThresholdMinutes', 'Alert after minutes without success'],
  ['invalidRowAlertPercent', 'Alert above invalid rows (%)'],
  ['retryConfig.maxRetries', 'Retries'],
  ['retryConfig.initialDelayMs', 'First retry delay (ms)'],
  ['retryConfig.maxDelayMs', 'Longest retry delay (ms)'],
  ['retryConfig.backoffMultiplier', 'Backoff multiplier'],
] as const;

type Settings = Record<string, unknown> & { retryConfig?: Record<string, unknown>; alertConfig?: { emailEnabled?: boolean; emailRecipients?: string[] } };
const valueAt = (s: Settings, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], s);

/** The seller-sync settings form; a refused change shows the API's message beside each field. */
export function SellerSettings({ canWrite }: { canWrite: boolean }) {
  const queries = useQueryClient();
  const config = useQuery({ queryKey: ['seller-sync', 'config'], queryFn: () => must(api.GET('/api/seller-sync/config')) });
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const settings = (config.data?.settings ?? null) as Settings | null;
  if (!settings) return null;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const n = (k: string) => Number(f.get(k));
    const recipients = String(f.get('alertConfig.emailRecipients') ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    const { error, response } = await api.PATCH('/api/seller-sync/config', {
      body: {
        syncIntervalMinutes: n('syncIntervalMinutes'), consecutiveFailureThreshold: n('consecutiveFailureThreshold'), syncGapThreshold: n('syncGapThreshold'),
        noSyncThresholdMinutes: n('noSyncThresholdMinutes'), invalidRowAlertPercent: n('invalidRowAlertPercent'), autoRecoveryEnabled: f.get('autoRecoveryEnabled') === 'on',
        retryConfig: { maxRetries: n('retryConfig.maxRetries'), initialDelayMs: n('retryConfig.initialDelayMs'), maxDelayMs: n('retryConfig.maxDelayMs'), backoffMultiplier: n('retryConfig.backoffMultiplier') },
        alertConfig: { emailEnabled: f.get('alertConfig.emailEnabled') === 'on', emailRecipients: recipients },
      },
    });
    setProblem(response.ok ? null : error);
    setSaved(response.ok);
    if (response.ok) await queries.invalidateQueries({ queryKey: ['seller-sync', 'config'] });
  };
  const errors = fieldErrors(problem);
  return (
    <form onSubmit={submit} aria-label="Seller sync settings">
      <Stack gap="xs">
        <Title order={3}>Settings</Title>
        {!config.data?.valid && <Alert color={BADGE.warn}>A stored value breaks the rules; seller-sync keeps its last good settings until it is fixed.</Alert>}
        {problem !== null && <Alert color={BADGE.danger} role="alert">{problemText(problem)}</Alert>}
        {saved && <Alert color={BADGE.ok} role="status">Settings saved; seller-sync applies them within seconds.</Alert>}
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {NUMBERS.map(([name, label]) => (
            <NumberInput key={name} name={name} label={label} defaultValue={Number(valueAt(settings, name))} error={errors[name]} readOnly={!canWrite} allowDecimal={name === 'retryConfig.backoffMultiplier'} />
          ))}
          <TextInput name="alertConfig.emailRecipients" label="Alert e-mail recipients (comma separated)" defaultValue={(settings.alertConfig?.emailRecipients ?? []).join(', ')} error={errors['alertConfig.emailRecipients'] ?? Object.entries(errors).find(([k]) => k.startsWith('alertConfig.emailRecipients.'))?.[1]} readOnly={!canWrite} />
        </SimpleGrid>
        <Group>
          <Checkbox name="autoRecoveryEnabled" label="Re-sync gaps automatically" defaultChecked={settings['autoRecoveryEnabled'] === true} disabled={!canWrite} />
          <Checkbox name="alertConfig.emailEnabled" label="E-mail alerts" defaultChecked={settings.alertConfig?.emailEnabled === true} disabled={!canWrite} />
        </Group>
        {canWrite && <Group><Button type="submit">Save settings</Button></Group>}
      </Stack>
    </form>
  );
}
