/**
 * Native dialogs. The file picker is the desktop answer to `files:open-dialog`: the user chooses
 * a path in the operating system's own dialog, so the page never handles a path it made up.
 */
import type { OpenDialogOptions } from 'electron';

export const IMPORT_FILE_FILTERS: NonNullable<OpenDialogOptions['filters']> = [
  { name: 'Login exports', extensions: ['csv', 'tsv', 'txt', 'json', 'ndjson', 'xlsx', 'gz', 'zip'] },
  { name: 'All files', extensions: ['*'] },
];

/** The slice of Electron's `dialog` module the shell uses. */
export interface DialogPort {
  showOpenDialog(window: object, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showErrorBox(title: string, content: string): void;
}

/** Shows the import picker (modal to `parent` when there is one); resolves to a path or null. */
export async function chooseImportFile(dialog: DialogPort, parent?: object): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: 'Import agent login history',
    buttonLabel: 'Import',
    properties: ['openFile'],
    filters: IMPORT_FILE_FILTERS,
  };
  const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  if (choice.canceled) return null;
  return choice.filePaths[0] ?? null;
}
