import { ERROR_CODES } from '../../core/index.js';
import type { RouteName } from '../../protocol/index.js';
import { routeOptions } from '../../protocol/schemas/routes.js';

/**
 * `app.route({ ...apiRoute('me'), handler })` inside the `/api/v1` prefix: method, path and
 * schema (validation, serialization, OpenAPI) come from the protocol's route map, so the server
 * and the client kit read one contract; each refusal code answers with its ERROR_CODES status.
 */
export const apiRoute = <N extends RouteName>(name: N) => routeOptions(name, (code) => ERROR_CODES[code]);
