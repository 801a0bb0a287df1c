/**
 * One way of reaching a patient. Email is the only channel today; an SMS provider would be another
 * implementation registered under its own name (and a name added to MESSAGE_CHANNELS in db/enums.ts), with the
 * outbox, the drainer and its retries unchanged.
 */
import type { MessageChannelName } from "@/db/enums";

/** A message as the drainer hands it to a channel. */
export type DeliverableMessage = {
  recipient: string;
  subject: string | null;
  bodyText: string;
  bodyHtml: string | null;
  /** Our Message-ID header (or the provider's idempotency key): the same on every attempt. */
  messageId: string;
};

export type Delivery = { providerMessageId: string; providerResponse: string };

/**
 * Why a send failed, and whether trying again can help: a full mailbox or an unreachable server may pass,
 * an address the server refuses for good will not.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    public readonly permanent: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

export interface MessageChannel {
  readonly name: MessageChannelName;
  /** Resolves when the provider accepted the message; rejects (ideally with a DeliveryError) otherwise. */
  send(message: DeliverableMessage): Promise<Delivery>;
  /** Ends open connections; the channel is not used afterwards. */
  close(): Promise<void>;
}

export type ChannelSet = Partial<Record<MessageChannelName, MessageChannel>>;
