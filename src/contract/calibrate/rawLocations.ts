/**
 * Where each schema object of a dereferenced spec lives in the plain document, as path segments
 * (`['components', 'schemas', 'Job']`): dereferencing puts the component object itself wherever a
 * `$ref` pointed at it, so the first place an object is met under `components` is its home.
 */
export function rawLocations(dereferenced: unknown): WeakMap<object, string[]> {
  const homes = new WeakMap<object, string[]>();
  const visit = (node: unknown, path: string[]) => {
    if (!node || typeof node !== 'object' || homes.has(node)) return;
    homes.set(node, path);
    for (const [key, child] of Object.entries(node)) visit(child, [...path, key]);
  };
  const components = (dereferenced as { components?: Record<string, unknown> }).components ?? {};
  // Every component is home first, schemas before the rest, so that one reached through another
  // (Job through JobList's items) keeps its own place.
  const kinds = Object.keys(components).sort((a, b) => Number(b === 'schemas') - Number(a === 'schemas'));
  const roots = kinds.flatMap((kind) =>
    Object.entries((components[kind] ?? {}) as Record<string, unknown>).map(([name, node]) => ({ node, path: ['components', kind, name] })),
  );
  for (const { node, path } of roots) if (node && typeof node === 'object' && !homes.has(node)) homes.set(node, path);
  for (const { node, path } of roots) {
    if (homes.get(node as object) !== path) continue;
    for (const [key, child] of Object.entries(node as object)) visit(child, [...path, key]);
  }
  visit((dereferenced as { paths?: unknown }).paths, ['paths']);
  return homes;
}

/** A JSONPath (RFC 9535, normalized form) of path segments: `$['components']['schemas']['Job']`. */
export function jsonPathOf(path: string[]): string {
  return `$${path.map((segment) => `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`).join('')}`;
}

/** The node at `path` in a plain document, or undefined. */
export function at(document: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}
