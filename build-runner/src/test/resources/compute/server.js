// Test app for ComputeHostIntegrationTests: node's own http module only, like a framework's standalone server.
const http = require('http');
const crypto = require('crypto');

// pids repeat across containers (node is pid 7 under docker-init), so each process names itself
const boot = crypto.randomUUID();
let count = 0;
console.log('starting pid ' + process.pid + ' with secret ' + process.env.API_SECRET);

const server = http.createServer((req, res) => {
  if (req.url === '/crash') {
    console.log('crashing on purpose');
    process.exit(1);
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.headers['user-agent'] !== 'Slipway-Compute-Probe/1') {
      count++;
    }
    console.log('request ' + req.method + ' ' + req.url);
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-app', 'yes');
    res.end(JSON.stringify({
      count, boot, pid: process.pid, uid: process.getuid(), greeting: process.env.GREETING,
      method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString(),
    }));
  });
});

// A minimal websocket echo (short unfragmented text frames only), enough to see frames cross the proxy.
server.on('upgrade', (req, socket) => {
  const accept = crypto.createHash('sha1')
    .update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
    + 'Sec-WebSocket-Accept: ' + accept + '\r\n\r\n');
  socket.on('data', (buf) => {
    const opcode = buf[0] & 0x0f;
    if (opcode === 8) {
      socket.end(Buffer.from([0x88, 0]));
      return;
    }
    if (opcode !== 1) {
      return;
    }
    const length = buf[1] & 0x7f;
    const mask = buf.subarray(2, 6);
    const payload = Buffer.from(buf.subarray(6, 6 + length).map((b, i) => b ^ mask[i % 4]));
    const reply = Buffer.concat([Buffer.from('echo:'), payload]);
    socket.write(Buffer.concat([Buffer.from([0x81, reply.length]), reply]));
  });
});

server.listen(Number(process.env.PORT), process.env.HOSTNAME);
