/**
 * What the drivers log through: a pino logger (or a child of one) fits as is. Drivers log
 * transitions only (display offline / back online, port lost / reopened, printer status,
 * expired and late tickets), once each, so a hall's log shows what staff need to act on.
 */
export interface DriverLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export const silentLogger: DriverLogger = { info: () => undefined, warn: () => undefined };
