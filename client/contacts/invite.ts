// The prepared invitation e-mail: a `mailto:` address with subject and body, which opens the
// seller's own mail program with everything filled in.

/**
 * Builds a `mailto:` link (RFC 6068): the address stays readable, subject and body are
 * percent-encoded, and line breaks become CRLF as mail programs expect.
 */
export function mailtoHref(to: string, subject: string, body: string): string {
  const address = to
    .split('@')
    .map((part) => encodeURIComponent(part))
    .join('@');
  const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));
  return `mailto:${address}?subject=${encode(subject)}&body=${encode(body)}`;
}
