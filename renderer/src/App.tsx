import { useEffect, useRef, type ReactNode } from 'react';
import { api } from './api/client';
import { AboutDialog } from './features/about/AboutDialog';
import { DashboardScreen } from './features/dashboard/DashboardScreen';
import { DemoBanner } from './features/import/DemoBanner';
import { ImportScreen } from './features/import/ImportScreen';
import { DragOverlay, useWindowFileDrop } from './features/import/WindowDrop';
import { PreferencesScreen } from './features/preferences/PreferencesScreen';
import { DatabaseRecovery } from './features/recovery/DatabaseRecovery';
import { PlansScreen } from './features/plans/PlansScreen';
import { PlannerScreen } from './features/planner/PlannerScreen';
import { ReportsScreen } from './features/reports/ReportsScreen';
import { PlannerIcon, SeasonsIcon } from './features/planner/nav-icons';
import { SeasonsScreen } from './features/seasons/SeasonsScreen';
import { useData } from './store/data-store';
import { useDocumentSettings, useFormatters } from './store/hooks';
import { useImport } from './store/import-store';
import { useUi, type Route } from './store/ui-store';
import { AlertIcon, ChartIcon, FileIcon, ImportIcon, InfoIcon, LogoMark, SlidersIcon, SparkIcon } from './ui/icons';
import { Toasts } from './ui/Toasts';

const NAV: Array<{ route: Route; label: string; icon: ReactNode }> = [
  { route: 'dashboard', label: 'Dashboard', icon: <ChartIcon size={16} /> },
  { route: 'imports', label: 'Imports', icon: <ImportIcon size={16} /> },
  { route: 'seasons', label: 'Seasons', icon: <SeasonsIcon size={16} /> },
  { route: 'plans', label: 'Plans', icon: <SparkIcon size={16} /> },
  { route: 'planner', label: 'Planner', icon: <PlannerIcon size={16} /> },
  { route: 'reports', label: 'Reports', icon: <FileIcon size={16} /> },
  { route: 'preferences', label: 'Preferences', icon: <SlidersIcon size={16} /> },
];

function Sidebar() {
  const route = useUi((state) => state.route);
  const navigate = useUi((state) => state.navigate);
  const setAboutOpen = useUi((state) => state.setAboutOpen);
  const info = useData((state) => state.info);
  const running = useImport((state) => state.run !== null && ['staging', 'starting', 'running'].includes(state.run.stage));
  const format = useFormatters();
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="sidebar__brand">
        <LogoMark size={28} />
        <span className="wordmark">Seatcast</span>
      </div>
      <ul className="nav">
        {NAV.map((item) => (
          <li key={item.route}>
            <a
              href={`#/${item.route}`}
              className="nav__item"
              aria-current={route === item.route ? 'page' : undefined}
              data-testid={`nav-${item.route}`}
              onClick={(event) => {
                event.preventDefault();
                navigate(item.route);
              }}
            >
              {item.icon}
              <span>{item.label}</span>
              {item.route === 'imports' && running && (
                <span className="nav__pulse" role="status" aria-label="Import in progress" />
              )}
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar__footer">
        {info && (
          <p className="sidebar__stats">
            <span>{format.integer(info.agentCount)} agents</span>
            <span>{format.integer(info.sessionCount)} sessions</span>
          </p>
        )}
        <p className="sidebar__offline">
          <span className="dot" aria-hidden="true" />
          Offline · data stays on this computer
        </p>
        <button type="button" className="nav__item nav__item--button" onClick={() => setAboutOpen(true)} data-testid="nav-about">
          <InfoIcon size={16} />
          <span>About Seatcast</span>
        </button>
      </div>
    </nav>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route) {
    case 'imports':
      return <ImportScreen />;
    case 'preferences':
      return <PreferencesScreen />;
    case 'plans':
      return <PlansScreen />;
    case 'seasons':
      return <SeasonsScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'planner':
      return <PlannerScreen />;
    default:
      return <DashboardScreen />;
  }
}

function LoadFailure() {
  const error = useData((state) => state.loadError);
  const load = useData((state) => state.load);
  // A damaged database gets the recovery screen (restore a backup or start fresh), not "try again".
  if (error?.code === 'database-damaged') return <DatabaseRecovery onRecovered={() => void load()} />;
  return (
    <div className="page page--center">
      <section className="card failure" role="alert" data-testid="load-failure">
        <AlertIcon size={24} />
        <h1 className="failure__title">Seatcast could not open its data</h1>
        <p className="failure__message">{error?.message ?? 'The engine did not answer.'}</p>
        <button type="button" className="button button--primary" onClick={() => void load()}>
          Try again
        </button>
      </section>
    </div>
  );
}

function Loading() {
  return (
    <div className="page" role="status" aria-busy="true" aria-label="Loading">
      <div className="skeleton skeleton--title" />
      <div className="tiles">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="skeleton skeleton--tile" />
        ))}
      </div>
      <div className="skeleton skeleton--chart" />
    </div>
  );
}

/** Keyboard shortcut, desktop menu commands and files set on the preview's hidden input. */
function useCommands(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        void useImport.getState().pickAndImport();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    const offMenu = api.onMenuCommand((command) => {
      const ui = useUi.getState();
      switch (command) {
        case 'import':
          void useImport.getState().pickAndImport();
          break;
        case 'preferences':
          ui.setAboutOpen(false);
          ui.navigate('preferences');
          break;
        case 'about':
          ui.setAboutOpen(true);
          break;
        case 'export':
          ui.setAboutOpen(false);
          ui.navigate('reports');
          break;
        default:
          break;
      }
    });
    const offFile = api.onUnsolicitedFile((file) => void useImport.getState().importFile(file));
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      offMenu();
      offFile();
    };
  }, []);
}

export function App() {
  const status = useData((state) => state.status);
  const route = useUi((state) => state.route);
  const load = useData((state) => state.load);
  const mainRef = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);

  useDocumentSettings();
  useWindowFileDrop();
  useCommands();

  useEffect(() => {
    void load();
  }, [load]);

  // Moving between screens puts keyboard and screen-reader focus on the new page's title.
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    window.scrollTo({ top: 0 });
    const title = document.getElementById('page-title');
    if (title) {
      title.setAttribute('tabindex', '-1');
      title.focus({ preventScroll: true });
    }
  }, [route]);

  useEffect(() => {
    const titles: Record<Route, string> = { dashboard: 'Dashboard', imports: 'Imports', preferences: 'Preferences', plans: 'Plans', seasons: 'Seasons', planner: 'Planner', reports: 'Reports' };
    document.title = `${titles[route]} · Seatcast`;
  }, [route]);

  return (
    <div className="app" data-app-state={status} data-testid="app">
      <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); mainRef.current?.focus(); }}>
        Skip to content
      </a>
      <Sidebar />
      <main className="main" id="main" ref={mainRef} tabIndex={-1}>
        {status === 'ready' && <DemoBanner />}
        {status === 'loading' ? <Loading /> : status === 'failed' ? <LoadFailure /> : <Screen route={route} />}
      </main>
      <Toasts />
      <DragOverlay />
      <AboutDialog />
    </div>
  );
}
