import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { BADGE } from './ui/palette.js';

// The gateway puts this response's CSP nonce here; Mantine's one <style> tag carries it.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
// A Modal's scroll lock (react-remove-scroll) adds <style> tags of its own; get-nonce hands them
// this global, else the CSP blocks them (seen as console errors when the restore dialog opens).
(globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = nonce;
// Shade 8 of each color: white text on it, and it as text on white, meet WCAG AA contrast (4.5:1);
// Mantine's default shade 6 does not (axe reports it as serious).
const theme = createTheme({ primaryShade: 8 });
// Field errors under inputs are red.6 by default (3.5:1 on white); the palette's danger red meets AA.
const cssVariables: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-error': BADGE.danger }, dark: {} });
const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables} getStyleNonce={() => nonce}>
      <QueryClientProvider client={queries}>
        <App />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
