/**
 * Whole-window drag and drop: a file dragged over any screen shows the overlay, dropping it
 * starts an import. Browsers would otherwise open the dropped file in place of the app.
 */
import { useEffect } from 'react';
import { useImport } from '../../store/import-store';
import { useUi } from '../../store/ui-store';
import { ImportIcon } from '../../ui/icons';

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

export function useWindowFileDrop(): void {
  useEffect(() => {
    let depth = 0;
    const setActive = useUi.getState().setDragActive;
    const onDragEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setActive(true);
    };
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDragLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setActive(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setActive(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      const [file] = files;
      if (!file) return;
      if (files.length > 1) {
        useUi.getState().notify({
          kind: 'info',
          title: 'One file at a time',
          message: `Importing ${file.name}. Drop the other ${files.length - 1} after it finishes.`,
        });
      }
      void useImport.getState().importFile(file);
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
}

export function DragOverlay() {
  const active = useUi((state) => state.dragActive);
  if (!active) return null;
  return (
    <div className="drag-overlay" data-testid="drag-overlay" aria-hidden="true">
      <div className="drag-overlay__panel">
        <ImportIcon size={32} />
        <p className="drag-overlay__title">Drop to import</p>
        <p className="drag-overlay__text">A login export: .csv, .tsv, .txt or .gz</p>
      </div>
    </div>
  );
}
