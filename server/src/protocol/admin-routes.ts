/** The configuration API's routes by name (method and path); schemas in ./schemas/admin-routes.ts. */
export const ADMIN_ROUTES = {
  'branches:create': { method: 'POST', path: '/branches' },
  'branch:update': { method: 'PATCH', path: '/branches/:branchId' },
  'services:create': { method: 'POST', path: '/branches/:branchId/services' },
  'service:update': { method: 'PATCH', path: '/services/:serviceId' },
  'service:deactivate': { method: 'DELETE', path: '/services/:serviceId' },
  'counters:create': { method: 'POST', path: '/branches/:branchId/counters' },
  'counter:update': { method: 'PATCH', path: '/counters/:counterId' },
  'users:list': { method: 'GET', path: '/users' },
  'users:create': { method: 'POST', path: '/users' },
  'user:update': { method: 'PATCH', path: '/users/:userId' },
  'user:photo': { method: 'GET', path: '/users/:userId/photo' },
  'devices:list': { method: 'GET', path: '/branches/:branchId/devices' },
  'devices:create': { method: 'POST', path: '/branches/:branchId/devices' },
  'device:update': { method: 'PATCH', path: '/devices/:deviceId' },
  'device:revoke': { method: 'DELETE', path: '/devices/:deviceId' },
  'devices:pair': { method: 'POST', path: '/devices/pair' },
  'branch:config': { method: 'GET', path: '/branches/:branchId/config' },
  'branch:config-apply': { method: 'PUT', path: '/branches/:branchId/config' },
  'audit:list': { method: 'GET', path: '/audit' },
} as const;

/** A staff photo (JPEG or PNG) is at most this many bytes; sent as a base64 data URL. */
export const PHOTO_MAX_BYTES = 200 * 1024;
/** The data URL's length for PHOTO_MAX_BYTES: base64 plus its `data:image/…;base64,` head. */
export const PHOTO_MAX_CHARS = Math.ceil(PHOTO_MAX_BYTES / 3) * 4 + 32;
