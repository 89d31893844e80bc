/**
 * Saved activity definitions (who counts as an active agent), as the engine keeps them: the
 * built-in one first (version 0, read-only), then the saved ones by name, each with its version.
 * Saving or deleting refreshes the list; deleting the definition in use falls back to the
 * built-in one so the dashboard never asks for a name that no longer exists.
 */
import { create } from 'zustand';
import type { Response } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/result';
import { api } from '../api/client';
import { BUILT_IN_ACTIVITY, useRules } from './rules-store';
import { useUi } from './ui-store';

export type SavedDefinition = Response<'definitions:list'>[number];
export type DefinitionDraft = Omit<SavedDefinition, 'version'>;

export function isBuiltIn(definition: Pick<SavedDefinition, 'name'>): boolean {
  return definition.name === BUILT_IN_ACTIVITY;
}

type DefinitionsState = {
  definitions: SavedDefinition[];
  loaded: boolean;
  loadError: AppError | null;
  /** Which definition the editor dialog shows: a saved one by name, a new one, or none (closed). */
  editor: { mode: 'edit'; name: string } | { mode: 'new'; from?: DefinitionDraft } | null;
  load: () => Promise<void>;
  save: (definition: DefinitionDraft) => Promise<Result<SavedDefinition>>;
  remove: (name: string) => Promise<Result<{ name: string }>>;
  openEditor: (editor: DefinitionsState['editor']) => void;
};

let generation = 0;

export const useDefinitions = create<DefinitionsState>((set, get) => ({
  definitions: [],
  loaded: false,
  loadError: null,
  editor: null,

  async load() {
    const mine = ++generation;
    const result = await api['definitions:list']({});
    if (mine !== generation) return;
    if (!result.ok) {
      set({ loadError: result.error, loaded: true });
      return;
    }
    set({ definitions: result.value, loaded: true, loadError: null });
    // A definition remembered from earlier in the session may have been deleted since.
    const active = useRules.getState().activity;
    if (!result.value.some((definition) => definition.name === active)) useRules.getState().setRules({ activity: BUILT_IN_ACTIVITY });
  },

  async save(definition) {
    const result = await api['definitions:save'](definition);
    if (result.ok) {
      await get().load();
      useRules.getState().setRules({ activity: result.value.name });
    }
    return result;
  },

  async remove(name) {
    const result = await api['definitions:delete']({ name });
    if (result.ok) {
      if (useRules.getState().activity === name) useRules.getState().setRules({ activity: BUILT_IN_ACTIVITY });
      await get().load();
    } else {
      useUi.getState().notifyError(`Could not delete “${name}”`, result.error);
    }
    return result;
  },

  openEditor(editor) {
    set({ editor });
  },
}));
