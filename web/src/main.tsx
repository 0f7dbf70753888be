import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, ConfigFailure } from './app.tsx';
import { loadRuntimeConfig } from './auth/runtime-config.ts';
import './app.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

// One build for every place it runs: how to sign in comes from /config.json at start.
loadRuntimeConfig()
  .then((config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  )
  .catch((error: unknown) => root.render(<ConfigFailure error={error} />));
