// Preload for the Seatcast window (bundled to the single sandbox-compatible file
// dist/electron/preload.cjs). It exposes one object, `window.seatcast`, and nothing else.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildSeatcastApi } from './api';

contextBridge.exposeInMainWorld('seatcast', buildSeatcastApi(ipcRenderer, webUtils));
