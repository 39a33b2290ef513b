/** Text as XML character data or an attribute value; the JUnit report's one escaper, which maskSecrets reproduces. */
export function escapeXml(text: string): string {
  return (
    text
      // XML 1.0 cannot carry these control characters, not even escaped.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}
