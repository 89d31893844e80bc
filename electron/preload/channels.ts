/**
 * IPC channel names that are not contract methods. Shared by the preload and the main process so
 * the two cannot drift apart; contract methods use their own names (`imports:start`, ...) as
 * channels. Pure constants: safe to bundle into the sandboxed preload.
 */
export const MENU_COMMAND_CHANNEL = 'menu:command';
