/**
 * Notification stack, bottom right. Errors are announced assertively and stay until dismissed;
 * confirmations are polite and fade after a few seconds.
 */
import { useUi, type Toast } from '../store/ui-store';
import { AlertIcon, CheckCircleIcon, CloseIcon, InfoIcon } from './icons';

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useUi((state) => state.dismissToast);
  const Icon = toast.kind === 'error' ? AlertIcon : toast.kind === 'success' ? CheckCircleIcon : InfoIcon;
  return (
    <div className={`toast toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${toast.kind}`}>
      <span className="toast__icon">
        <Icon size={18} />
      </span>
      <div className="toast__content">
        <p className="toast__title">{toast.title}</p>
        {toast.message && <p className="toast__message">{toast.message}</p>}
        {toast.action && (
          <button
            type="button"
            className="link-button toast__action"
            onClick={() => {
              toast.action?.run();
              dismiss(toast.id);
            }}
          >
            {toast.action.label}
          </button>
        )}
      </div>
      <button type="button" className="icon-button icon-button--sm" aria-label="Dismiss notification" onClick={() => dismiss(toast.id)}>
        <CloseIcon size={14} />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useUi((state) => state.toasts);
  return (
    <section className="toasts" aria-label="Notifications">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </section>
  );
}
