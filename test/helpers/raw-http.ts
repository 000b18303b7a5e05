// HTTP/1.1 written byte for byte on a TCP socket, for requests no well-behaved client would send (control characters
// in headers, malformed paths, bodies trickled one byte at a time), and the server's answer read back whole.
import net from 'node:net';

export type RawAnswer = { status: number; headers: Map<string, string>; body: string; text: string };

/**
 * Sends `text` from `from` (any of 127.0.0.0/8) and resolves with everything read until the server closes the
 * connection (it must: `Connection: close`).
 */
export function rawExchange(baseUrl: string, text: string | Buffer, from = '127.0.0.1'): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ port: Number(url.port), host: url.hostname, localAddress: from }, () => socket.write(text));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks).toString('utf8'))));
  });
}

export function parseAnswer(text: string): RawAnswer {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()] as const));
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n'), text };
}
