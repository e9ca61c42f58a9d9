// First: schemas must be made without eval (the CSP has no 'unsafe-eval').
import '@lamina/pathway/no-eval';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { usePath } from './lib/router.tsx';
import './styles.css';

// The care-team console is its own chunk: a patient's phone never downloads it.
const ConsoleApp = lazy(() => import('./console/ConsoleApp.tsx'));

function Root() {
  const path = usePath();
  if (path === '/console' || path.startsWith('/console/'))
    return (
      <Suspense fallback={null}>
        <ConsoleApp />
      </Suspense>
    );
  return <App />;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <Root />
      </I18nProvider>
    </StrictMode>,
  );
}

// The service worker keeps the app and the last plan for reading offline (production build only).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the app still works online, and queued check-ins still wait in storage.
    });
  });
}
