import { SetupError } from '../../errors/setupError';

/** An overlay that cannot be read, does not apply, or leaves an invalid spec: exit 2, naming the action. */
export class OverlayError extends SetupError {}
