// Test helpers for the hub and for packages whose tests drive it (exchange-client).
export * from './core/hub.fixture.js';
export { buildTestApp, envelopeFor } from './http/sync-app.fixture.js';
