#!/usr/bin/env python3
"""A TCP proxy on 127.0.0.1 that drops connections in the middle of a request.

The first --drops connections on which the client sends more than --after-bytes bytes are reset
(TCP RST) at that point, as a network failure would; everything else passes through untouched.
Prints "listening on http://127.0.0.1:<port>" first. Exits when standard input closes, so it
never outlives the test that started it. Standard library only.
"""

import argparse
import os
import socket
import struct
import sys
import threading


class Proxy:
    def __init__(self, target, after_bytes, drops):
        self.target = target
        self.after_bytes = after_bytes
        self.drops_left = drops
        self.lock = threading.Lock()

    def take_drop(self):
        with self.lock:
            if self.drops_left > 0:
                self.drops_left -= 1
                return True
            return False

    def serve(self, listener):
        while True:
            client, _ = listener.accept()
            threading.Thread(target=self.connection, args=(client,), daemon=True).start()

    def connection(self, client):
        try:
            server = socket.create_connection(self.target)
        except OSError:
            client.close()
            return
        threading.Thread(target=self.copy, args=(server, client), daemon=True).start()
        sent = 0
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    break
                if sent <= self.after_bytes < sent + len(data) and self.take_drop():
                    server.sendall(data[:self.after_bytes - sent])
                    # SO_LINGER 0: close with a reset, like a dropped connection.
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    server.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    break
                sent += len(data)
                server.sendall(data)
        except OSError:
            pass
        finally:
            for end in (client, server):
                try:
                    end.close()
                except OSError:
                    pass

    @staticmethod
    def copy(source, destination):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                destination.sendall(data)
        except OSError:
            pass
        finally:
            try:
                destination.shutdown(socket.SHUT_WR)
            except OSError:
                pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="host:port to forward to")
    parser.add_argument("--after-bytes", type=int, required=True, help="reset a connection after this many bytes")
    parser.add_argument("--drops", type=int, default=1, help="how many connections to reset")
    args = parser.parse_args()
    host, _, port = args.target.rpartition(":")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    proxy = Proxy((host, int(port)), args.after_bytes, args.drops)
    threading.Thread(target=proxy.serve, args=(listener,), daemon=True).start()
    print(f"listening on http://127.0.0.1:{listener.getsockname()[1]}", flush=True)
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    main()
