// Downloads a file from the API and hands it to the browser's save flow, with busy and error state.
import { useCallback } from 'react';
import type { DownloadedFile } from '../api/contacts';
import { useAction } from './useAction';

/** Hands a fetched file to the browser as a download. */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the blob only after the click handler has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `save(fetchFile)` fetches a file and saves it; busy and error state for the button. */
export function useDownload(): {
  busy: boolean;
  error: unknown;
  save: (fetchFile: () => Promise<DownloadedFile>) => Promise<void>;
} {
  const { busy, error, run } = useAction();
  const save = useCallback(
    async (fetchFile: () => Promise<DownloadedFile>) => {
      await run(async () => saveFile(await fetchFile()));
    },
    [run],
  );
  return { busy, error, save };
}
