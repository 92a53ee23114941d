// The import page's flow: pick a file, read a CSV preview, adjust the column mapping, upload with
// progress (the upload's, then the server's rows stored), and keep the result. Uploads go through XMLHttpRequest for real upload progress.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { importCsv, importVcard, previewCsv } from '../api/contacts';
import type {
  CsvPreviewView,
  CsvTarget,
  ImportProgressView,
  ImportResultView,
} from '../api/contacts';
import { importFileKind, initialMapping } from './imports';
import type { ImportFileKind } from './imports';

/** Where the import stands. */
export type ImportState =
  | { step: 'idle' }
  | { step: 'unsupported'; file: File }
  | { step: 'previewing'; file: File }
  | {
      step: 'ready';
      file: File;
      kind: ImportFileKind;
      preview: CsvPreviewView | null;
      mapping: (CsvTarget | null)[];
    }
  | {
      step: 'importing';
      file: File;
      /** Share uploaded, 0 to 1; null once the file is up and the server is working on it. */
      progress: number | null;
      /** How many rows the server has stored, once it says so. */
      stored: ImportProgressView | null;
    }
  | { step: 'done'; file: File; result: ImportResultView };

function cancel(abort: RefObject<AbortController | null>): void {
  abort.current?.abort();
  abort.current = null;
}

/** The import's state, the last error, and its actions. */
export function useImport(): {
  state: ImportState;
  error: unknown;
  chooseFile: (file: File | null) => void;
  setTarget: (column: number, target: CsvTarget | null) => void;
  start: () => void;
  reset: () => void;
} {
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => cancel(abort), []);

  const chooseFile = useCallback((file: File | null) => {
    cancel(abort);
    setError(null);
    if (!file) {
      setState({ step: 'idle' });
      return;
    }
    const kind = importFileKind(file);
    if (kind === null) {
      setState({ step: 'unsupported', file });
      return;
    }
    if (kind === 'vcard') {
      setState({ step: 'ready', file, kind, preview: null, mapping: [] });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setState({ step: 'previewing', file });
    previewCsv(file, controller.signal).then(
      (preview) => {
        if (controller.signal.aborted) return;
        setState({ step: 'ready', file, kind, preview, mapping: initialMapping(preview) });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setState({ step: 'idle' });
      },
    );
  }, []);

  const setTarget = useCallback((column: number, target: CsvTarget | null) => {
    setState((current) =>
      current.step === 'ready'
        ? { ...current, mapping: current.mapping.map((t, i) => (i === column ? target : t)) }
        : current,
    );
  }, []);

  const start = useCallback(() => {
    if (state.step !== 'ready') return;
    const { file, kind, mapping } = state;
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setState({ step: 'importing', file, progress: 0, stored: null });
    const onProgress = (fraction: number) => {
      if (controller.signal.aborted) return;
      // Once every byte is up, the server still parses and stores: show that as "importing".
      setState({
        step: 'importing',
        file,
        progress: fraction >= 1 ? null : fraction,
        stored: null,
      });
    };
    const onStored = (stored: ImportProgressView) => {
      if (!controller.signal.aborted) setState({ step: 'importing', file, progress: null, stored });
    };
    const options = { onProgress, onStored, signal: controller.signal };
    const request = kind === 'csv' ? importCsv(file, mapping, options) : importVcard(file, options);
    request.then(
      (result) => {
        if (!controller.signal.aborted) setState({ step: 'done', file, result });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setState(state);
      },
    );
  }, [state]);

  const reset = useCallback(() => {
    cancel(abort);
    setError(null);
    setState({ step: 'idle' });
  }, []);

  return { state, error, chooseFile, setTarget, start, reset };
}
