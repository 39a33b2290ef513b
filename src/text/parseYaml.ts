/**
 * YAML text as a value (JSON is YAML too), for the files a user gives: a spec, an overlay, a
 * scenario, a config file. The parser is loaded at the first such file, so a start with none of
 * them does not wait for it.
 */
export function parseYaml(text: string): unknown {
  return (require('yaml') as typeof import('yaml')).parse(text);
}
