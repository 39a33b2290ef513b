import { readFile } from 'node:fs/promises';
import { parseYaml } from '../../text/parseYaml';
import { dereference } from '../dereference';
import { readPlainSpec, type OpenApiDocument } from '../loadSpec';
import { validateOpenApi } from '../validateOpenApi';
import { applyOverlay, type Overlay } from './applyOverlay';
import { OverlayError } from './overlayError';

/**
 * The spec with overlays applied in order (a calibration of a tenant, say), validated and
 * dereferenced: what `bundleOf` turns into operations, matcher and validators. An overlay that
 * cannot be read or does not apply, or a result that is no valid OpenAPI 3.1, stops with an
 * OverlayError naming the overlay, the action and the JSON pointer it touched.
 */
export async function loadOverlaidSpec(specPath: string, overlayFiles: string[]): Promise<OpenApiDocument> {
  const overlays: { file: string; overlay: Overlay }[] = [];
  for (const file of overlayFiles) overlays.push({ file, overlay: await readOverlay(file) });
  return overlaidSpec(specPath, overlays);
}

/** The same, of overlays already read: `file` names each in messages (calibration checks its overlay before writing it). */
export async function overlaidSpec(specPath: string, overlays: { file: string; overlay: Overlay }[]): Promise<OpenApiDocument> {
  const document = await readPlainSpec(specPath);
  const overlayFiles = overlays.map(({ file }) => file);
  const applied: { file: string; overlay: Overlay; touched: string[][] }[] = [];
  for (const { file, overlay } of overlays) applied.push({ file, overlay, touched: applyOverlay(document, overlay, file) });
  try {
    await validateOpenApi(JSON.parse(JSON.stringify(document)) as object);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    throw new OverlayError(
      `the spec with ${overlayFiles.join(', ')} applied is not valid OpenAPI 3.1: ${message}${blame(applied, message)}`,
    );
  }
  return dereference(document) as unknown as OpenApiDocument;
}

/** The last action that touched where the validator points, when its message names a place. */
function blame(applied: { file: string; overlay: Overlay; touched: string[][] }[], message: string): string {
  const at = /#(\/[^\s"']*)/.exec(message)?.[1];
  if (!at) return '';
  for (const { file, overlay, touched } of [...applied].reverse()) {
    for (let i = touched.length - 1; i >= 0; i--) {
      const pointer = touched[i]!.find((p) => at.startsWith(p) || p.startsWith(at));
      if (pointer !== undefined) return ` (from ${file}: action ${i}, ${overlay.actions[i]!.target}, at ${pointer})`;
    }
  }
  return '';
}

async function readOverlay(file: string): Promise<Overlay> {
  let overlay: Overlay;
  try {
    overlay = parseYaml(await readFile(file, 'utf8')) as Overlay;
  } catch (error) {
    throw new OverlayError(`the overlay ${file} cannot be read: ${(error as Error).message}`);
  }
  if (!overlay || typeof overlay.overlay !== 'string' || !overlay.overlay.startsWith('1.') || !Array.isArray(overlay.actions)) {
    throw new OverlayError(`${file} is not an OpenAPI Overlay 1.x document (it needs 'overlay: 1.0.0', 'info' and 'actions')`);
  }
  overlay.actions.forEach((action, i) => {
    if (typeof action?.target !== 'string' || (action.update === undefined && action.remove !== true)) {
      throw new OverlayError(`${file}: action ${i} needs a 'target' and an 'update' or 'remove: true'`);
    }
  });
  return overlay;
}
