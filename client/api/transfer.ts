// File transfers with the API that plain `api()` cannot do: uploads that report their progress
// (XMLHttpRequest, since fetch has no upload progress) and downloads of files the server names.
// Kept apart from http.ts so the guest's lounge page never loads them.
import { ApiError, csrf, errorFromBody, resetCsrf } from './http';

/** Options of `upload`. */
export interface UploadOptions {
  /** Called with the uploaded share, 0 to 1, while the file goes up (when the browser knows it). */
  onProgress?: (fraction: number) => void;
  /**
   * Asks for the answer as lines of JSON (`application/x-ndjson`): each line is handed over as it
   * arrives, and the last one is the answer. A server that answers plain JSON just answers.
   */
  onLine?: (line: unknown) => void;
  signal?: AbortSignal;
}

const NDJSON = 'application/x-ndjson';

/**
 * Reads the complete lines of a growing text (an answer still arriving), each once: `next`
 * parses the lines that were completed since the last call.
 */
export function lineReader(): { next: (text: string) => unknown[] } {
  let offset = 0;
  return {
    next(text) {
      const end = text.lastIndexOf('\n') + 1;
      if (end <= offset) return [];
      const lines = text
        .slice(offset, end)
        .split('\n')
        .filter((line) => line.trim() !== '');
      offset = end;
      return lines.map(parseJson);
    },
  };
}

interface XhrAnswer {
  status: number;
  statusText: string;
  body: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function postWithProgress(
  path: string,
  file: Blob,
  token: string,
  opts: UploadOptions,
): Promise<XhrAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    xhr.open('POST', path);
    xhr.setRequestHeader(
      'accept',
      opts.onLine ? `${NDJSON}, application/json` : 'application/json',
    );
    const lines = lineReader();
    let last: unknown = null;
    const readLines = () => {
      if (!opts.onLine || !xhr.getResponseHeader('content-type')?.includes(NDJSON)) return;
      for (const line of lines.next(xhr.responseText)) {
        last = line;
        opts.onLine(line);
      }
    };
    xhr.onprogress = readLines;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) opts.onProgress?.(event.loaded / event.total);
    };
    // Every byte is up; the answer follows once the server has done its work.
    xhr.upload.onload = () => opts.onProgress?.(1);
    xhr.onload = () => {
      opts.signal?.removeEventListener('abort', onAbort);
      const streamed = xhr.getResponseHeader('content-type')?.includes(NDJSON) ?? false;
      if (streamed) readLines();
      resolve({
        status: xhr.status,
        statusText: xhr.statusText,
        body: streamed ? last : xhr.status === 204 ? null : parseJson(xhr.responseText),
      });
    };
    xhr.onerror = () => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(new ApiError(0, 'network', 'Network error'));
    };
    xhr.onabort = () => {
      opts.signal?.removeEventListener('abort', onAbort);
      reject(new DOMException('The upload was aborted', 'AbortError'));
    };
    if (opts.signal?.aborted) {
      reject(new DOMException('The upload was aborted', 'AbortError'));
      return;
    }
    opts.signal?.addEventListener('abort', onAbort);
    xhr.send(file);
  });
}

function isCsrfRejection(answer: XhrAnswer): boolean {
  return (
    answer.status === 403 &&
    (answer.body as { error?: { code?: string } } | null)?.error?.code === 'csrf'
  );
}

/**
 * Posts a file as is (`application/octet-stream`) and returns the parsed JSON answer, reporting
 * upload progress on the way; throws ApiError like `api()` does.
 */
export async function upload<T>(path: string, file: Blob, opts: UploadOptions = {}): Promise<T> {
  let answer = await postWithProgress(path, file, await csrf(), opts);
  if (isCsrfRejection(answer)) {
    // The session's secret changed (sign-in elsewhere): fetch a fresh token once, as api() does.
    resetCsrf();
    answer = await postWithProgress(path, file, await csrf(), opts);
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw errorFromBody(answer.status, answer.statusText, answer.body);
  }
  return answer.body as T;
}

/** A file the server sent, with the name it suggested. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/**
 * Reads the file name from a Content-Disposition header (`filename*=` first, then `filename=`),
 * or returns `fallback`.
 */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: try the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return name ? name : fallback;
}

/** Fetches a file from the API (with the session cookie); throws ApiError on a non-2xx answer. */
export async function download(
  path: string,
  fallbackName: string,
  signal?: AbortSignal,
): Promise<DownloadedFile> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', signal: signal ?? null });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Network error');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as unknown;
    throw errorFromBody(res.status, res.statusText, body);
  }
  const blob = await res.blob();
  return {
    blob,
    filename: filenameFromDisposition(res.headers.get('content-disposition'), fallbackName),
  };
}
