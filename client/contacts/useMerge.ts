// The merge flow on a contact's page: find the other record as you type, load it with its
// timeline, choose which record stays, preview the outcome, and merge.
import { useCallback, useEffect, useState } from 'react';
import { fetchContact, mergeContacts } from '../api/contacts';
import type { ContactView, ContactWithTimeline } from '../api/contacts';
import type { ContactId } from '../../shared/ids';
import { buildMergePreview, mergeCandidates } from './merge';
import type { MergeKeep, MergePreview } from './merge';
import { useAction } from './useAction';
import { useContactSearch } from './useContactSearch';

/** What the merge section of a contact's page shows and does. */
export interface MergeFlow {
  query: string;
  setQuery: (query: string) => void;
  /** Records that may be merged with the open one, for the query. */
  candidates: ContactView[];
  searching: boolean;
  searchError: unknown;
  /** The record found, or null while the seller is still searching. */
  chosen: ContactView | null;
  choose: (contact: ContactView | null) => void;
  keep: MergeKeep;
  setKeep: (keep: MergeKeep) => void;
  /** The outcome, once the chosen record and its timeline are loaded. */
  preview: MergePreview | null;
  /** Loading the chosen record failed (e.g. it was erased meanwhile). */
  loadError: unknown;
  busy: boolean;
  error: unknown;
  /** Merges as previewed; `onMerged` runs with the kept record and the removed one. */
  confirm: () => void;
}

/**
 * The merge flow for the open record `current`. `onMerged` gets the kept record as the server
 * returns it and the record that is gone.
 */
export function useMerge(
  current: ContactWithTimeline,
  onMerged: (kept: ContactView, removed: ContactView) => void | Promise<void>,
): MergeFlow {
  const [query, setQuery] = useState('');
  const search = useContactSearch(query);
  const [chosen, setChosen] = useState<ContactView | null>(null);
  const [loaded, setLoaded] = useState<{
    id: ContactId;
    data: ContactWithTimeline | null;
    error: unknown;
  } | null>(null);
  const [keep, setKeep] = useState<MergeKeep>('current');
  const { busy, error, run, clearError } = useAction();

  const chosenId = chosen?.id ?? null;
  useEffect(() => {
    if (chosenId === null) return;
    const abort = new AbortController();
    fetchContact(chosenId, abort.signal).then(
      (data) => setLoaded({ id: chosenId, data, error: null }),
      (err: unknown) => {
        if (!abort.signal.aborted) setLoaded({ id: chosenId, data: null, error: err });
      },
    );
    return () => abort.abort();
  }, [chosenId]);

  const choose = useCallback(
    (contact: ContactView | null) => {
      setChosen(contact);
      setKeep('current');
      clearError();
    },
    [clearError],
  );

  const other = loaded && loaded.id === chosenId ? loaded : null;
  let preview: MergePreview | null = null;
  if (other?.data) {
    preview =
      keep === 'current'
        ? buildMergePreview(current, other.data)
        : buildMergePreview(other.data, current);
  }

  const confirm = () => {
    if (!preview || busy) return;
    const { keep: kept, remove } = preview;
    void run(async () => {
      const merged = await mergeContacts(kept.id, remove.id);
      setChosen(null);
      setQuery('');
      await onMerged(merged, remove);
    });
  };

  return {
    query,
    setQuery,
    candidates: mergeCandidates(search.results, current.contact.id),
    searching: search.searching,
    searchError: search.error,
    chosen,
    choose,
    keep,
    setKeep,
    preview,
    loadError: other?.error ?? null,
    busy,
    error,
    confirm,
  };
}
