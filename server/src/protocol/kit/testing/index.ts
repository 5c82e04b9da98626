export { type FakeReply, type FakeRequest, type FakeRoute, FakeServer } from './fake-server.js';
export { FakeSocket } from './fake-socket.js';
export * as wire from './fixtures.js';
export { routesCalledIn } from './routes-called.js';
