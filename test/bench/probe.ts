/**
 * Preloaded (`--import`) into the Guichet server process the bench spawns: answers the bench's
 * `stats` request over the IPC channel with the server's own event-loop utilisation and CPU time.
 * It adds nothing to the server but this listener.
 */
import { answerStats } from './own-stats.js';

answerStats();
// The bench vanished: do not keep a server running.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
