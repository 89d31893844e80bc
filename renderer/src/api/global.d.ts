// Type-only: nothing from the preload or Electron reaches the renderer bundle.
import type { SeatcastBridge } from '../../../electron/preload/bridge-types';

declare global {
  interface Window {
    /** Present only inside the desktop shell (exposed by the preload script). */
    seatcast?: SeatcastBridge;
  }
}

export {};
