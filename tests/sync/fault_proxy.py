"""A fault-injecting proxy of the sync tests' own (asyncio), between the kit and the real station.

It terminates TLS with the station's own certificate and key (so the kit's certificate pin still
holds) and forwards to the station over TLS. Per connection, a seeded RNG decides a fault:

* ``status``: read the request head, answer ``503`` (or ``502``) and close;
* ``cut``: forward, then drop the connection after a random number of kit→station bytes (mid-body);
* ``reset``: accept and close at once with a TCP RST;
* ``delay``: forward with small delays on each piece.

``bytes_up`` counts what the kit sent through (TLS plaintext), ``faults`` what was injected.
"""

from __future__ import annotations

import asyncio
import random
import socket
import ssl
import struct
import threading
from collections import Counter
from pathlib import Path


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        cert: Path,
        key: Path,
        *,
        seed: int = 1,
        p_status: float = 0.0,
        p_cut: float = 0.0,
        p_reset: float = 0.0,
        p_delay: float = 0.0,
        cut_range: tuple[int, int] = (1_000, 3_000_000),
        rate_bps: float = 0.0,
        life_range: tuple[int, int] | None = None,
    ) -> None:
        self.upstream_port = upstream_port
        self.rng = random.Random(seed)
        self.p_status, self.p_cut, self.p_reset, self.p_delay = p_status, p_cut, p_reset, p_delay
        self.cut_range = cut_range
        self.rate_bps = rate_bps
        self.life_range = life_range
        self.enabled = True
        self.faults: Counter[str] = Counter()
        self.bytes_up = 0
        self.connections = 0
        self._server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._server_ctx.load_cert_chain(cert, key)
        self._client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self._client_ctx.check_hostname = False
        self._client_ctx.verify_mode = ssl.CERT_NONE
        self.loop = asyncio.new_event_loop()
        self.port = 0
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self.thread.start()
        ready.wait(10)

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", 0, ssl=self._server_ctx)
        )
        self.port = self.server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    def close(self) -> None:
        def stop() -> None:
            self.server.close()
            self.loop.stop()

        self.loop.call_soon_threadsafe(stop)
        self.thread.join(5)

    def _pick(self) -> str:
        if not self.enabled:
            return "none"
        r = self.rng.random()
        for name, p in (
            ("status", self.p_status),
            ("cut", self.p_cut),
            ("reset", self.p_reset),
            ("delay", self.p_delay),
        ):
            if r < p:
                return name
            r -= p
        return "none"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        fault = self._pick()
        if fault not in ("none", "cut"):
            self.faults[fault] += 1
        try:
            if fault == "reset":
                sock = writer.get_extra_info("socket")
                if sock is not None:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                writer.transport.abort()
                return
            if fault == "status":
                await reader.readuntil(b"\r\n\r\n")
                code = self.rng.choice([502, 503])
                writer.write(
                    f"HTTP/1.1 {code} Injected\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode()
                )
                await writer.drain()
                writer.close()
                return
            try:
                up_r, up_w = await asyncio.open_connection(
                    "127.0.0.1", self.upstream_port, ssl=self._client_ctx
                )
            except OSError:
                writer.transport.abort()
                return
            # a kept-alive connection carries many requests: besides the per-connection fault, every
            # connection lives for a random number of kit→station bytes and is then cut (mid-body)
            cut_after = self.rng.randint(*self.cut_range) if fault == "cut" else None
            if cut_after is None and self.enabled and self.life_range:
                cut_after = self.rng.randint(*self.life_range)
            delay = fault == "delay"
            await asyncio.gather(
                self._pipe(reader, up_w, up=True, cut_after=cut_after, delay=delay, other=writer),
                self._pipe(up_r, writer, up=False, cut_after=None, delay=False, other=up_w),
                return_exceptions=True,
            )
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ssl.SSLError):
            writer.transport.abort()

    async def _pipe(self, src, dst, *, up: bool, cut_after: int | None, delay: bool, other) -> None:  # noqa: ANN001
        sent = 0
        loop = asyncio.get_running_loop()
        start = loop.time()
        try:
            while True:
                data = await src.read(65536)
                if not data:
                    break
                if up:
                    self.bytes_up += len(data)
                    if self.rate_bps:
                        ahead = (sent + len(data)) / self.rate_bps - (loop.time() - start)
                        if ahead > 0:
                            await asyncio.sleep(ahead)
                if cut_after is not None and sent + len(data) > cut_after:
                    self.faults["cut" if self.enabled else "none"] += 1
                    dst.write(data[: max(cut_after - sent, 0)])
                    dst.transport.abort()
                    other.transport.abort()
                    return
                if delay:
                    await asyncio.sleep(self.rng.random() * 0.02)
                dst.write(data)
                sent += len(data)
                await dst.drain()
        except (OSError, ssl.SSLError, ConnectionError):
            pass
        finally:
            try:
                dst.transport.abort() if cut_after is not None else dst.close()
            except Exception:  # noqa: BLE001
                pass
            try:
                other.transport.abort()
            except Exception:  # noqa: BLE001
                pass
