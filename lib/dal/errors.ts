/**
 * Refusals raised by the data layer. A record the principal may not see is reported as NotFound, exactly
 * like a record that does not exist, so URLs cannot be used to probe for other physicians' patients.
 */
export class NotFoundError extends Error {
  constructor(what = "Record") {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  constructor(message = "You are not allowed to do this") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Input refused by a schema or a rule that needs the database; carries one message list per field. */
export class ValidationError extends Error {
  constructor(
    public readonly fieldErrors: Record<string, string[]>,
    message = "Some fields need attention",
  ) {
    super(message);
    this.name = "ValidationError";
  }
}
