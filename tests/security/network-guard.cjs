// Preloaded with `node -r` around the CLI in tests/security/no-egress-node.test.ts: every way Node
// code can open a connection or resolve a name throws, and the attempt is recorded. If Seatcast's
// engine ever reached for the network, the test run would fail loudly.
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const tls = require('node:tls');
const dgram = require('node:dgram');

function refuse(what) {
  const message = `network-guard: blocked ${what}`;
  process.stderr.write(`${message}\n`);
  process.exitCode = 97;
  throw new Error(message);
}

net.Socket.prototype.connect = function connect() {
  refuse('net.Socket#connect');
};
tls.connect = () => refuse('tls.connect');
dgram.createSocket = () => refuse('dgram.createSocket');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveSrv', 'resolveTxt', 'reverse']) {
  dns[name] = () => refuse(`dns.${name}`);
  if (dns.promises[name]) dns.promises[name] = async () => refuse(`dns.promises.${name}`);
}
globalThis.fetch = async () => refuse('fetch');
