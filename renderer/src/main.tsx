import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { rememberedTheme } from './store/data-store';
import './styles/index.css';

// Paint in the last theme used before preferences arrive (no inline script is allowed by the CSP).
const theme = rememberedTheme();
const systemDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
document.documentElement.dataset.theme = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;

const container = document.getElementById('root');
if (!container) throw new Error('Seatcast: #root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
