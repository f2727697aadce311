"""A Django test server that can go down and come back on the same port.

The browser keeps service workers and IndexedDB per origin, so "offline then online again"
must reuse the port. Each connection serves one request and closes, so stopping the server
really cuts the phone off (no keep-alive socket left to sneak a response through).
"""

import contextlib
import socket

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler


class OneRequestHandler(QuietWSGIRequestHandler):
    def handle(self):
        self.close_connection = True
        self.handle_one_request()
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_WR)


class ReusableServer(ThreadedWSGIServer):
    allow_reuse_address = True


class _ServerThread(LiveServerThread):
    server_class = ReusableServer

    def _create_server(self, connections_override=None):
        return self.server_class(
            (self.host, self.port),
            OneRequestHandler,
            allow_reuse_address=True,
            connections_override=connections_override,
        )


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class SiteServer:
    """Serve the project on 127.0.0.1:<port>; `stop()` and `start()` as often as needed."""

    host = "127.0.0.1"

    def __init__(self):
        self.port = free_port(self.host)
        self.url = f"http://{self.host}:{self.port}"
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        if self._thread is not None:
            return
        thread = _ServerThread(self.host, StaticFilesHandler, port=self.port)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        self._thread = thread

    def stop(self) -> None:
        if self._thread is not None:
            self._thread.terminate()
            self._thread = None
