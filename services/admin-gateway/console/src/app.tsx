import { Anchor, AppShell, Button, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api } from './api/client.js';
import { navigate, usePath } from './navigation.js';
import { AlertsPage } from './pages/alerts.page.js';
import { AuditLogPage } from './pages/audit-log.page.js';
import { BackupsPage } from './pages/backups.page.js';
import { BufferPage } from './pages/buffer.page.js';
import { ConflictsPage } from './pages/conflicts.page.js';
import { DevicesPage } from './pages/devices.page.js';
import { ExchangePage } from './pages/exchange.page.js';
import { LoginPage } from './pages/login.page.js';
import { MeterSyncPage } from './pages/meter-sync.page.js';
import { MonitoringPage } from './pages/monitoring.page.js';
import { OverviewPage } from './pages/overview.page.js';
import { SellerSyncPage } from './pages/seller-sync.page.js';
import { StaffPage } from './pages/staff.page.js';
import { useSession, type Session } from './session.js';

export interface PageProps {
  session: Session;
  /** Admins see write controls; viewers never do. */
  canWrite: boolean;
}

const PAGES: { path: string; label: string; Page: (p: PageProps) => React.JSX.Element }[] = [
  { path: '/', label: 'Overview', Page: OverviewPage },
  { path: '/devices', label: 'Devices', Page: DevicesPage },
  { path: '/staff', label: 'Staff', Page: StaffPage },
  { path: '/buffer', label: 'Device users', Page: BufferPage },
  { path: '/conflicts', label: 'Conflicts', Page: ConflictsPage },
  { path: '/backups', label: 'Backups', Page: BackupsPage },
  { path: '/monitoring', label: 'Monitoring', Page: MonitoringPage },
  { path: '/audit-log', label: 'Audit log', Page: AuditLogPage },
  { path: '/alerts', label: 'Alerts', Page: AlertsPage },
  { path: '/seller-sync', label: 'Seller sync', Page: SellerSyncPage },
  { path: '/meter-sync', label: 'Meter sync', Page: MeterSyncPage },
  { path: '/exchange', label: 'Exchange nodes', Page: ExchangePage },
];

export function App() {
  const path = usePath();
  const session = useSession();
  const queries = useQueryClient();
  if (session.isPending) return <Center h="100vh"><Loader aria-label="Loading" /></Center>;
  if (path === '/login' || !session.data) return <LoginPage />;
  const me = session.data;
  const current = PAGES.find((p) => p.path === path) ?? PAGES[0]!;
  const logout = async () => {
    await api.POST('/api/auth/logout');
    queries.clear();
    navigate('/login');
  };
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={1} size="h3">Platform console</Title>
          <Group>
            <Text size="sm">{me.username} ({me.role})</Text>
            <Button variant="default" size="xs" onClick={logout}>Log out</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Pages">
        {PAGES.map((p) => (
          <NavLink key={p.path} href={p.path} label={p.label} variant="filled" active={p.path === current.path} onClick={(e) => { e.preventDefault(); navigate(p.path); }} />
        ))}
        <NavLink href="/admin/queues" label="Queues (Bull Board)" />
        <NavLink href="/docs" label="API docs" />
      </AppShell.Navbar>
      <AppShell.Main>
        <current.Page session={me} canWrite={me.role === 'admin'} />
        <Text size="xs" mt="xl">
          <Anchor href="/docs">OpenAPI</Anchor>
        </Text>
      </AppShell.Main>
    </AppShell>
  );
}
