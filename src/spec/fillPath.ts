/** A path template with its parameters filled in: `fillPath('/jobs/{id}', { id: 'a b' })` → `/jobs/a%20b`. */
export function fillPath(template: string, params: Record<string, string | undefined>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
