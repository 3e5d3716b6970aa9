import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, problemText } from '../api/client.js';
import { navigate } from '../navigation.js';
import { BADGE } from '../ui/palette.js';

export function LoginPage() {
  const queries = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const expired = new URLSearchParams(window.location.search).has('expired');
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    const { error: problem, response } = await api.POST('/api/auth/token', { body: { username: String(form.get('username')), password: String(form.get('password')) } });
    setBusy(false);
    if (!response.ok) return setError(response.status === 401 ? 'Wrong username or password.' : problemText(problem));
    await queries.invalidateQueries({ queryKey: ['me'] });
    navigate('/');
  };
  return (
    <Center h="100vh" component="main">
      <Paper withBorder p="xl" w={360}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h3">Sign in</Title>
            {expired && !error && <Alert color={BADGE.warn} title="Session ended">Your session expired or was signed out. Sign in again.</Alert>}
            {error && <Alert color={BADGE.danger} role="alert">{error}</Alert>}
            <TextInput name="username" label="Username" autoComplete="username" required />
            <PasswordInput name="password" label="Password" autoComplete="current-password" required />
            <Button type="submit" loading={busy}>Sign in</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
