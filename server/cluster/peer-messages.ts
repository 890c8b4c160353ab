/**
 * What server processes tell each other over Redis pub/sub, one channel per
 * document. Binary (lib0 encoding), like the y-websocket messages they carry:
 *
 *   varuint kind | varstring sender process id | body
 *   update     varuint firstSeq | float64 sentAt (ms) | varuint n | n × varbytes   (durable in PostgreSQL)
 *   awareness  varbytes awareness update (y-protocols)
 *   query      (empty): "send me your clients' awareness", from a process that just loaded the room
 *   head       varuint seq: the last number the sender stored, after it could not publish some
 *
 * Only other server processes write these channels; a message that does not
 * decode is counted and dropped, never applied.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type PeerMessage =
  | { kind: 'update'; sender: string; firstSeq: number; sentAt: number; updates: Uint8Array[] }
  | { kind: 'awareness'; sender: string; update: Uint8Array }
  | { kind: 'query'; sender: string }
  | { kind: 'head'; sender: string; seq: number };

const KINDS = ['update', 'awareness', 'query', 'head'] as const;

/** The Redis channel of a document. */
export function channelOf(docKey: string): string {
  return `archboard:doc:${docKey}`;
}

/** The document of a channel, or null for a channel that is not one. */
export function docKeyOfChannel(channel: string): string | null {
  return channel.startsWith('archboard:doc:') ? channel.slice('archboard:doc:'.length) : null;
}

export function encodePeerMessage(message: PeerMessage): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  encoding.writeVarString(encoder, message.sender);
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, message.firstSeq);
      encoding.writeFloat64(encoder, message.sentAt);
      encoding.writeVarUint(encoder, message.updates.length);
      for (const update of message.updates) encoding.writeVarUint8Array(encoder, update);
      break;
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'head':
      encoding.writeVarUint(encoder, message.seq);
      break;
    case 'query':
      break;
  }
  return Buffer.from(encoding.toUint8Array(encoder));
}

/** Decodes a message; throws on anything malformed. */
export function decodePeerMessage(bytes: Uint8Array): PeerMessage {
  const decoder = decoding.createDecoder(bytes);
  const kind = KINDS[decoding.readVarUint(decoder)];
  const sender = decoding.readVarString(decoder);
  let message: PeerMessage;
  switch (kind) {
    case 'update': {
      const firstSeq = decoding.readVarUint(decoder);
      const sentAt = decoding.readFloat64(decoder);
      const count = decoding.readVarUint(decoder);
      const updates: Uint8Array[] = [];
      for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
      message = { kind, sender, firstSeq, sentAt, updates };
      break;
    }
    case 'awareness':
      message = { kind, sender, update: decoding.readVarUint8Array(decoder) };
      break;
    case 'head':
      message = { kind, sender, seq: decoding.readVarUint(decoder) };
      break;
    case 'query':
      message = { kind, sender };
      break;
    default:
      throw new Error('unknown peer message kind');
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after a peer message');
  return message;
}
