/**
 * A request the emulator cannot carry out as asked (a reply to an unknown message, an unknown
 * customer or business number). The control API answers it with `statusCode` and the message.
 */
export class EmulatorInputError extends Error {
  constructor(
    message: string,
    readonly statusCode: 400 | 404 = 400,
  ) {
    super(message);
    this.name = 'EmulatorInputError';
  }
}
