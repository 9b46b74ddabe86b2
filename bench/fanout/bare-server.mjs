// The baseline: a bare `ws` broadcast server. POST /broadcast sends the body to every socket, framed
// once by ws per socket — the simplest fan-out Node can do, with no auth, ids or backlog.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') return res.writeHead(404).end();
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const frame = JSON.stringify({ type: 'event', channel: 'bench', id: '0', name: 'bench', data: JSON.parse(body) });
    for (const ws of wss.clients) ws.send(frame);
    res.writeHead(202).end();
  });
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws) => ws.on('message', () => ws.send('{"type":"subscribed","channel":"bench","lastId":"0"}')));
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
