"""A minimal FastCGI client for the benchmarks that talk to `searcher
--fastcgi` directly, without nginx (shard_scaling.py, request_floor.py)."""
import socket
import struct
import time

# ---------------------------------------------------------------------------
# A minimal FastCGI client (https://fastcgi-archives.github.io/FastCGI_Specification.html):
# one request per connection (FCGI_KEEP_CONN off, as nginx does by default).
# ---------------------------------------------------------------------------
FCGI_VERSION_1 = 1
FCGI_BEGIN_REQUEST = 1
FCGI_END_REQUEST = 3
FCGI_PARAMS = 4
FCGI_STDIN = 5
FCGI_STDOUT = 6
FCGI_STDERR = 7
FCGI_RESPONDER = 1
FCGI_REQUEST_COMPLETE = 0
FCGI_HEADER = struct.Struct("!BBHHBx")  # version, type, request id, content length, padding length
REQUEST_ID = 1


def _fcgi_record(rtype, content=b""):
    """One record; content must fit in one (<= 65535 bytes), padded to 8."""
    padding = -len(content) % 8
    return FCGI_HEADER.pack(FCGI_VERSION_1, rtype, REQUEST_ID, len(content), padding) + content + b"\0" * padding


def _fcgi_length(n):
    return bytes([n]) if n < 128 else struct.pack("!I", n | 0x80000000)


def _fcgi_params(params):
    body = b""
    for name, value in params.items():
        name, value = name.encode("utf-8"), value.encode("utf-8")
        body += _fcgi_length(len(name)) + _fcgi_length(len(value)) + name + value
    records = b""
    for i in range(0, len(body), 65528):
        records += _fcgi_record(FCGI_PARAMS, body[i:i + 65528])
    return records + _fcgi_record(FCGI_PARAMS)  # an empty FCGI_PARAMS ends the stream


class FcgiError(Exception):
    pass


def fcgi_get(port, uri, query_string, timeout=60.0):
    """GET uri?query_string from a FastCGI responder on 127.0.0.1:port.
    Returns (status, headers dict with lower-case names, body bytes, stderr
    bytes, seconds from connect to FCGI_END_REQUEST)."""
    request = (_fcgi_record(FCGI_BEGIN_REQUEST, struct.pack("!HB5x", FCGI_RESPONDER, 0))
               + _fcgi_params({"REQUEST_METHOD": "GET", "DOCUMENT_URI": uri, "SCRIPT_NAME": "",
                               "REQUEST_URI": uri + ("?" + query_string if query_string else ""),
                               "QUERY_STRING": query_string, "SERVER_PROTOCOL": "HTTP/1.1",
                               "GATEWAY_INTERFACE": "CGI/1.1", "REMOTE_ADDR": "127.0.0.1"})
               + _fcgi_record(FCGI_STDIN))  # empty FCGI_STDIN: no request body
    stdout, stderr = [], []
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.sendall(request)
        buf = b""
        ended = False
        while not ended:
            chunk = sock.recv(65536)
            if not chunk:
                raise FcgiError("connection closed before FCGI_END_REQUEST")
            buf += chunk
            while len(buf) >= FCGI_HEADER.size:
                version, rtype, _, length, padding = FCGI_HEADER.unpack_from(buf)
                if version != FCGI_VERSION_1:
                    raise FcgiError("bad FastCGI record version %d" % version)
                end = FCGI_HEADER.size + length + padding
                if len(buf) < end:
                    break
                content = buf[FCGI_HEADER.size:FCGI_HEADER.size + length]
                buf = buf[end:]
                if rtype == FCGI_STDOUT:
                    stdout.append(content)
                elif rtype == FCGI_STDERR:
                    stderr.append(content)
                elif rtype == FCGI_END_REQUEST:
                    _, protocol_status = struct.unpack_from("!IB", content)
                    if protocol_status != FCGI_REQUEST_COMPLETE:
                        raise FcgiError("FCGI_END_REQUEST with protocol status %d" % protocol_status)
                    ended = True
                    break
    seconds = time.perf_counter() - start
    out = b"".join(stdout)
    head, sep, body = out.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = out.partition(b"\n\n")
    if not sep:
        raise FcgiError("no CGI header block in the response: %r" % out[:200])
    headers = {}
    for line in head.decode("latin-1").splitlines():
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    status = int(headers.get("status", "200").split()[0])  # CGI: no Status header means 200
    return status, headers, body, b"".join(stderr), seconds
