/**
 * The desktop bridge (`window.seatcast`) as the preload defines it: one function per contract
 * method except `files:stage-path`, plus staging of dropped files and menu commands.
 * Type-only import: nothing from the preload or Electron reaches the renderer bundle.
 */
import type { SeatcastBridge } from '../../../electron/preload/bridge-types';

export type DesktopBridge = SeatcastBridge;
