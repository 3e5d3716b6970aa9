/*
 * The operator console in a real browser (Debian's Chromium through playwright-core) against the
 * platform as `pnpm dev` runs it: every service, the ZK emulator, a fresh database. Each step waits
 * for what the operator would see (Playwright's auto-waiting, generous timeouts), never a fixed
 * sleep; a failed step leaves a screenshot in e2e/.screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { waitFor } from '@platform/testkit';
import { launchChromium, seriousA11yViolations, step } from './browser.js';
import { startDevPlatform, type DevPlatform } from './dev-platform.js';

const PASSWORD = 'correct horse battery staple';
const WAIT = { timeout: 60_000 };
let platform: DevPlatform;
let browser: Browser;

beforeAll(async () => {
  platform = await startDevPlatform();
  await platform.createAdmin('ana', 'admin', PASSWORD);
  await platform.createAdmin('vic', 'viewer', PASSWORD);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 120_000);

/** A page that fails the test on any CSP violation the console causes. */
async function openPage(): Promise<{ page: Page; cspViolations: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return { page, cspViolations };
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${platform.gatewayUrl}/`);
  await page.getByLabel('Username').fill(username);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor(WAIT);
}

/**
 * Waits, through the API with the page's own session, until a list route holds a matching item.
 * Pages read their list once on open, so a test opens one only after the data it needs exists:
 * a page opened ahead of a slow background sync would never show the row.
 */
async function untilListed(page: Page, what: string, path: string, match: (item: Record<string, unknown>) => boolean): Promise<void> {
  await waitFor(what, async () => {
    const res = await page.request.get(`${platform.gatewayUrl}${path}`);
    return res.ok() && ((await res.json()) as { items: Record<string, unknown>[] }).items.some(match);
  }, { timeoutMs: 300_000, everyMs: 500 });
}

async function go(page: Page, label: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 2 }).waitFor(WAIT);
}

async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousA11yViolations(page);
  expect(violations, violations.join('\n')).toEqual([]);
}

// Each flow walks a dozen pages against the whole platform, waiting for background syncs: minutes on
// a loaded 2-core box. The per-test timeouts below are hang guards, not limits.
describe('operator console', () => {
  it('an admin works every page: registers and probes a device, imports staff, maps a user, restores a backup, silences, syncs sellers and meters, registers a node; logs out', { timeout: 900_000 }, async () => {
    const { page, cspViolations } = await openPage();
    await step(page, 'login', async () => {
      const res = await page.goto(`${platform.gatewayUrl}/`);
      expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
      await page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
      await expectAccessible(page);
      await login(page, 'ana');
      await expectAccessible(page);
    });

    await step(page, 'register-device', async () => {
      await go(page, 'Devices', 'Devices');
      const form = page.getByRole('form', { name: 'Register a device' });
      await form.getByLabel('Name').fill('Browser door');
      await form.getByLabel('Host').fill('127.0.0.1');
      await form.getByLabel('Port').fill(String(platform.zkPort));
      await form.getByLabel('Comm key').fill('1234');
      await form.getByRole('button', { name: 'Register' }).click();
      const row = page.locator('tr[data-device="Browser door"]');
      await row.waitFor(WAIT);
      await row.getByRole('button', { name: 'Test connection' }).click();
      await row.getByText(/Connected: \d+ users, \d+ logs; serial EMU\w+, firmware Ver /).waitFor(WAIT);
      await row.getByText('ok', { exact: true }).waitFor(WAIT);
      await expectAccessible(page);
    });

    await step(page, 'import-staff', async () => {
      await go(page, 'Staff', 'Staff');
      await page.getByLabel(/^CSV/).fill('employee_code,full_name,card_number\nBR-1,Browser Person,\nBR-2,Second Person,77\nBR-3,,5\n');
      await page.getByRole('button', { name: 'Dry run' }).click();
      await page.getByRole('status').filter({ hasText: 'Dry run: 2 to create, 0 to update, 0 unchanged, 1 refused' }).waitFor(WAIT);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Apply valid rows' }).click();
      await page.getByRole('status').filter({ hasText: 'Applied: 2 to create' }).waitFor(WAIT);
      await page.getByRole('cell', { name: 'Browser Person' }).waitFor(WAIT);
    });

    await step(page, 'map-buffer-user', async () => {
      // device-poller's scheduled sync of the seeded devices fills the buffer on its own time.
      await untilListed(page, 'an unmapped device user in the buffer', '/api/device-users/buffer?status=unmapped&limit=1', () => true);
      await go(page, 'Device users', 'Device users');
      const row = page.locator('tr[data-buffer-user]').first();
      await row.waitFor(WAIT);
      const bufferId = await row.getAttribute('data-buffer-id');
      await row.getByLabel(/^Staff member for buffer row/).fill('Browser');
      await page.getByRole('option', { name: /Browser Person/ }).click();
      await row.getByRole('button', { name: 'Map' }).click();
      // Mapped rows leave the "unmapped" list; the "mapped" list shows it.
      await page.locator(`tr[data-buffer-id="${bufferId}"]`).waitFor({ state: 'detached', ...WAIT });
      await page.getByRole('combobox', { name: 'Status' }).click();
      await page.getByRole('option', { name: 'mapped', exact: true }).click();
      await page.locator(`tr[data-buffer-id="${bufferId}"]`).getByText('mapped', { exact: true }).waitFor(WAIT);
      await expectAccessible(page);
    });

    await step(page, 'conflicts-and-overview', async () => {
      await go(page, 'Conflicts', 'Conflicts');
      await expectAccessible(page);
      await go(page, 'Overview', 'Overview');
      await expectAccessible(page);
    });

    await step(page, 'backups-dry-run-and-restore', async () => {
      // backup-worker backs up every enabled device when it is scheduled, on its own time.
      await untilListed(page, 'a restorable backup', '/api/device-users/backups?limit=100', (b) => b['file'] != null && b['deviceId'] != null);
      await go(page, 'Backups', 'Backups');
      const row = page.locator('tr[data-backup]').filter({ has: page.getByRole('button', { name: 'Dry run' }) }).first();
      await row.waitFor(WAIT);
      await row.getByRole('button', { name: 'Dry run' }).click();
      await page.getByRole('status').filter({ hasText: 'Dry run: nothing was written' }).waitFor(WAIT);
      await expectAccessible(page);
      await row.getByRole('button', { name: 'Restore' }).click();
      const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
      await expectAccessible(page);
      await dialog.getByRole('button', { name: 'Yes, restore' }).click();
      await page.getByRole('status').filter({ hasText: /Restored \d+, failed 0/ }).waitFor(WAIT);
    });

    await step(page, 'monitoring', async () => {
      await go(page, 'Monitoring', 'Monitoring');
      await page.getByRole('heading', { name: 'User count history' }).waitFor(WAIT);
      await page.locator('.recharts-surface').first().waitFor(WAIT);
      await page.getByRole('heading', { name: 'Vanished users' }).waitFor(WAIT);
      await expectAccessible(page);
    });

    await step(page, 'audit-log', async () => {
      await go(page, 'Audit log', 'Audit log');
      await page.getByLabel('Operation').fill('restore_requested');
      await page.getByRole('cell', { name: 'restore_requested' }).first().waitFor(WAIT);
      await expectAccessible(page);
    });

    await step(page, 'alerts-and-silences', async () => {
      await go(page, 'Alerts', 'Alerts');
      const form = page.getByRole('form', { name: 'Create a silence' });
      await form.getByLabel('Reason').fill('browser test');
      await form.getByRole('button', { name: 'Silence' }).click();
      // Neither source nor type: the API names both fields and the form shows it beside them.
      await form.getByText('set source, type or both: a silence must match something').first().waitFor(WAIT);
      expect(await form.getByLabel('Source').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page);
      await form.getByLabel('Source').fill('device-poller');
      await form.getByRole('button', { name: 'Silence' }).click();
      const silence = page.locator('tr[data-silence="browser test"]');
      await silence.waitFor(WAIT);
      await silence.getByRole('button', { name: 'Expire' }).click();
      await silence.waitFor({ state: 'detached', ...WAIT });
      await expectAccessible(page);
    });

    await step(page, 'seller-sync', async () => {
      await go(page, 'Seller sync', 'Seller sync');
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByRole('progressbar', { name: 'Seller sync progress' }).and(page.locator('[aria-valuenow="100"]')).waitFor({ timeout: 180_000 });
      await page.getByRole('status').filter({ hasText: /Last sync completed .*: 100%/ }).waitFor(WAIT);
      await page.locator('.recharts-surface').first().waitFor(WAIT);
      const settings = page.getByRole('form', { name: 'Seller sync settings' });
      await settings.getByLabel('Sync interval (minutes)').fill('0');
      await settings.getByRole('button', { name: 'Save settings' }).click();
      await settings.getByText('syncIntervalMinutes (minutes) must be at least 1').first().waitFor(WAIT);
      expect(await settings.getByLabel('Sync interval (minutes)').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page);
    });

    await step(page, 'meter-sync', async () => {
      await go(page, 'Meter sync', 'Meter sync');
      await page.getByLabel('Another tenant id').fill('2');
      await page.getByRole('button', { name: 'Sync tenant' }).click();
      await page.getByRole('status').filter({ hasText: /Run .* queued/ }).waitFor(WAIT);
      await page.locator('tr[data-tenant="2"]').waitFor(WAIT);
      await expectAccessible(page);
    });

    await step(page, 'exchange-node', async () => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.gatewayUrl });
      await go(page, 'Exchange nodes', 'Exchange nodes');
      const form = page.getByRole('form', { name: 'Register a node' });
      await form.getByLabel('Code').fill('BROWSER-1');
      await form.getByLabel('Name').fill('Browser desk');
      await form.getByRole('button', { name: 'Register node' }).click();
      const token = (await form.locator('[data-token]').textContent({ timeout: 60_000 })) ?? '';
      expect(token.length).toBeGreaterThan(20);
      await form.getByRole('button', { name: 'Copy token' }).click();
      await form.getByRole('button', { name: 'Copied' }).waitFor(WAIT);
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);
      const node = page.locator('tr[data-node="BROWSER-1"]');
      await node.getByRole('button', { name: 'Disable' }).click();
      await node.getByRole('button', { name: 'Enable' }).waitFor(WAIT);
      await expectAccessible(page);
    });

    await step(page, 'logout', async () => {
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
      await page.goto(`${platform.gatewayUrl}/devices`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
    });
    expect(cspViolations).toEqual([]);
  });

  it('a viewer sees no write control; a forged cookie lands on the login page', { timeout: 900_000 }, async () => {
    const { page } = await openPage();
    await step(page, 'viewer', async () => {
      await login(page, 'vic');
      await go(page, 'Devices', 'Devices');
      await page.getByRole('cell').first().waitFor(WAIT);
      for (const name of ['Register', 'Sync now', 'Test connection', 'Disable']) expect(await page.getByRole('button', { name }).count()).toBe(0);
      await go(page, 'Staff', 'Staff');
      for (const name of ['Add', 'Dry run', 'Deactivate']) expect(await page.getByRole('button', { name }).count()).toBe(0);
      await go(page, 'Device users', 'Device users');
      expect(await page.getByRole('button', { name: 'Map' }).count()).toBe(0);
      const readOnly: [label: string, heading: string, ready: string, writes: string[]][] = [
        ['Backups', 'Backups', 'Taken', ['Dry run', 'Restore']],
        ['Monitoring', 'Monitoring', 'Vanished users', []],
        ['Audit log', 'Audit log', 'Operation', []],
        ['Alerts', 'Alerts', 'Silences', ['Acknowledge', 'Expire', 'Silence']],
        ['Seller sync', 'Seller sync', 'Trend', ['Sync now', 'Cancel sync', 'Save settings']],
        ['Meter sync', 'Meter sync', 'Meter sync', ['Sync now', 'Sync tenant']],
        ['Exchange nodes', 'Exchange nodes', 'Quarantine', ['Register node', 'Disable', 'Enable', 'Copy token']],
      ];
      for (const [label, heading, ready, writes] of readOnly) {
        await go(page, label, heading);
        await page.getByText(ready, { exact: true }).first().waitFor(WAIT);
        for (const name of writes) expect(await page.getByRole('button', { name, exact: true }).count(), `${label}: ${name}`).toBe(0);
        await expectAccessible(page);
      }
    });
    const forged = await openPage();
    await step(forged.page, 'forged-cookie', async () => {
      const url = new URL(platform.gatewayUrl);
      await forged.page.context().addCookies([{ name: 'admin_token', value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmEifQ.forged', domain: url.hostname, path: '/' }]);
      await forged.page.goto(`${platform.gatewayUrl}/devices`);
      await forged.page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
      expect(await forged.page.getByRole('heading', { name: 'Devices' }).count()).toBe(0);
    });
  });
});
