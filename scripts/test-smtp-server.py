#!/usr/bin/env python3
"""A local SMTP server for Beredskap's mail tests (aiosmtpd).

Stores each accepted message as DIR/NNNNNN.eml (the bytes as received, after
the server undoes dot-stuffing), counts connections in DIR/connections, and
prints `port N` on stdout once it listens. Recipients steer failures:
`temp-once…` gets 451 the first time and 250 after, `temp…` always 451,
`perm…` 550, `drop-once…` has its connection cut at the message's end once
(after the message was stored, as when a reply is lost on the way back).
"""
import argparse
import asyncio
import os
import signal
import ssl
import subprocess
import sys
from pathlib import Path

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, out: Path, pipelining: bool):
        self.out = out
        self.pipelining = pipelining
        self.count = 0
        self.connections = 0
        self.seen = set()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("temp-once") and address not in self.seen:
            self.seen.add(address)
            return "451 4.3.0 try again later"
        if local.startswith("temp") and not local.startswith("temp-once"):
            return "451 4.3.0 try again later"
        if local.startswith("perm"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = self.out / f"{self.count:06d}.eml"
        tmp = name.with_suffix(".tmp")
        tmp.write_bytes(envelope.original_content or envelope.content)
        (self.out / f"{self.count:06d}.rcpt").write_text("\n".join(envelope.rcpt_tos))
        os.replace(tmp, name)
        drop = [a for a in envelope.rcpt_tos if a.startswith("drop-once") and ("drop:" + a) not in self.seen]
        if drop:
            self.seen.add("drop:" + drop[0])
            server.transport.close()
            return "250 never seen"
        return f"250 2.0.0 Ok: queued as {self.count}"


class CountingSMTP(SMTP):
    def connection_made(self, transport):
        self.event_handler.connections += 1
        (self.event_handler.out / "connections").write_text(str(self.event_handler.connections))
        super().connection_made(transport)


def make_certificate(out: Path):
    cert, key = out / "cert.pem", out / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-addext", "basicConstraints=critical,CA:TRUE"],
        check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    return context


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"beredskap" and auth_data.password == b"hemmelig"
    return AuthResult(success=ok, handled=False)


async def main():
    # A parent that blocks signals (SwiftNIO's threads do) passes that on: undo it, so SIGTERM ends us.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--no-pipelining", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    recorder = Recorder(out, pipelining=not args.no_pipelining)
    context = make_certificate(out) if (args.starttls or args.implicit_tls) else None
    loop = asyncio.get_running_loop()

    def factory():
        return CountingSMTP(
            recorder, enable_SMTPUTF8=True, tls_context=context if args.starttls else None,
            authenticator=authenticate, hostname="test.invalid")

    server = await loop.create_server(
        factory, host="127.0.0.1", port=args.port, ssl=context if args.implicit_tls else None)
    port = server.sockets[0].getsockname()[1]
    print(f"port {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
