"""Real servers for the web endpoint tests: a loopback nginx in front of
searchers running in FastCGI mode. Everything lives in a temporary folder
the caller owns; nothing listens beyond 127.0.0.1."""
import os
import shutil
import signal
import socket
import subprocess
import time
import unittest
import urllib.error
import urllib.request

from herald_cli import BIN, REPO

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SHIPPED_SITE = os.path.join(REPO, "deploy", "nginx-herald.conf")
SHIPPED_UNIT = os.path.join(REPO, "deploy", "herald-searcher.service.in")
START_TIMEOUT = 15


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout=START_TIMEOUT, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def can_connect(address):
    family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
    with socket.socket(family) as s:
        try:
            s.connect(address)
            return True
        except OSError:
            return False


class ServedTestCase(unittest.TestCase):
    """Tests against one searcher behind nginx: setUpClass makes cls.tmp and
    the database, then calls serve(); tearDownClass stops both servers and
    removes cls.tmp, also when serve() failed half-way."""
    tmp = searcher = nginx = None

    @classmethod
    def serve(cls, make_searcher, make_nginx=None):
        """Starts cls.searcher = make_searcher(), then cls.nginx =
        make_nginx(searcher) (default: nginx passing every path to it)."""
        try:
            cls.searcher = make_searcher()
            cls.nginx = (make_nginx or (lambda searcher: Nginx(cls.tmp, {"/": searcher.upstream})))(cls.searcher)
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.nginx:
            cls.nginx.stop()
        if cls.searcher:
            cls.searcher.stop()
        if cls.tmp:
            shutil.rmtree(cls.tmp, ignore_errors=True)


class Searcher:
    """`herald-searcher --fastcgi` on a TCP port, a Unix socket, or a socket handed
    over on standard input (as spawn-fcgi does)."""

    def __init__(self, tmp, name, db, *extra, listen="tcp", wrapper=(), threads=2):
        """`wrapper`: a command the searcher runs under (strace -f ...);
        signals then go to the searcher, its child. `threads`: None for the
        searcher's default."""
        self.log_path = os.path.join(tmp, f"{name}.access.log")
        self.stderr_path = os.path.join(tmp, f"{name}.stderr")
        args = [os.path.join(BIN, "herald-searcher"), "--db", db, "--fastcgi", "--access-log", self.log_path,
                *(["--threads", str(threads)] if threads else []), *extra]
        stdin = subprocess.DEVNULL
        inherited = None
        if listen == "tcp":
            self.address = ("127.0.0.1", free_port())
            self.upstream = f"127.0.0.1:{self.address[1]}"
            args += ["--listen", self.upstream]
        elif listen == "unix":
            self.address = os.path.join(tmp, f"{name}.sock")
            self.upstream = f"unix:{self.address}"
            args += ["--listen", self.address]
        else:  # "stdin"
            inherited = socket.socket()
            inherited.bind(("127.0.0.1", 0))
            inherited.listen(64)
            self.address = inherited.getsockname()
            self.upstream = f"127.0.0.1:{self.address[1]}"
            stdin = inherited.fileno()
        with open(self.stderr_path, "w") as err:
            self.proc = subprocess.Popen([*wrapper, *args], stdin=stdin, stdout=subprocess.DEVNULL, stderr=err)
        if inherited:
            inherited.close()
        wait_until(lambda: self.proc.poll() is not None or "serving FastCGI" in self.stderr(),
                   what=f"herald-searcher {name} to listen")
        if self.proc.poll() is not None:
            raise AssertionError(f"herald-searcher {name} exited {self.proc.returncode}: {self.stderr()}")
        self.pid = self.proc.pid
        if wrapper:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as children:
                self.pid = int(children.read().split()[0])

    def signal(self, number):
        os.kill(self.pid, number)

    def stderr(self):
        with open(self.stderr_path) as f:
            return f.read()

    def access_log(self):
        with open(self.log_path) as f:
            return f.read()

    def stop(self, timeout=20):
        """SIGTERM, then the exit code (SIGKILL and an error if it hangs)."""
        if self.proc.poll() is None:
            self.signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            if self.pid != self.proc.pid:
                os.kill(self.pid, signal.SIGKILL)
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"herald-searcher did not stop within {timeout}s of SIGTERM")


class Nginx:
    """nginx in the foreground on a loopback port; `routes` maps a URL
    prefix to a FastCGI upstream. The prefix is cut off before the request
    reaches the searcher, as in deploy/nginx-herald.conf."""

    def __init__(self, tmp, routes, site=None):
        """`site`: a whole server block (with upstreams) to use instead,
        given as a function of the port to listen on."""
        self.prefix = os.path.join(tmp, "nginx")
        os.makedirs(os.path.join(self.prefix, "temp"), exist_ok=True)
        shutil.copy("/etc/nginx/fastcgi_params", self.prefix)
        self.port = free_port()
        locations = []
        for prefix, upstream in routes.items():
            cut = f"rewrite ^{prefix.rstrip('/')}(/.*)$ $1 break;" if prefix != "/" else ""
            locations.append(f"""
    location {prefix} {{
      {cut}
      include fastcgi_params;
      fastcgi_pass {upstream};
    }}""")
        user = "user root;" if os.geteuid() == 0 else ""
        config = f"""{user}
worker_processes 1;
pid {self.prefix}/nginx.pid;
error_log {self.prefix}/error.log;
events {{ worker_connections 512; }}
http {{
  access_log off;
  client_body_temp_path {self.prefix}/temp/body;
  fastcgi_temp_path {self.prefix}/temp/fastcgi;
  proxy_temp_path {self.prefix}/temp/proxy;
  uwsgi_temp_path {self.prefix}/temp/uwsgi;
  scgi_temp_path {self.prefix}/temp/scgi;
  {site(self.port) if site else self.server_block(locations)}
}}
"""
        self.config_path = os.path.join(self.prefix, "nginx.conf")
        with open(self.config_path, "w") as f:
            f.write(config)
        self.proc = subprocess.Popen([NGINX, "-p", self.prefix, "-c", self.config_path, "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_until(lambda: self.proc.poll() is not None or can_connect(("127.0.0.1", self.port)),
                   what="nginx to listen")
        if self.proc.poll() is not None:
            raise AssertionError(f"nginx exited {self.proc.returncode}: {self.proc.stderr.read().decode()}")

    def server_block(self, locations):
        return f"""server {{
    listen 127.0.0.1:{self.port};
    {''.join(locations)}
  }}"""

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stderr.close()


def shipped_site(socket_path, metrics_port):
    """deploy/nginx-herald.conf as shipped, for Nginx(site=...): only its
    addresses change, to loopback ports and the test's searcher socket."""
    with open(SHIPPED_SITE) as f:
        shipped = f.read()
    moves = {"listen [::]:8080;": "", "unix:/run/herald/searcher.sock": f"unix:{socket_path}",
             "listen 127.0.0.1:9145;": f"listen 127.0.0.1:{metrics_port};"}
    for shipped_text in [*moves, "listen 8080;"]:
        if shipped.count(shipped_text) != 1:
            raise AssertionError(f"{SHIPPED_SITE} no longer holds {shipped_text!r} once")
    for shipped_text, ours in moves.items():
        shipped = shipped.replace(shipped_text, ours)
    return lambda port: shipped.replace("listen 8080;", f"listen 127.0.0.1:{port};")


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8")


def http(url, method="GET", timeout=30):
    """One request; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return Response(reply.status, reply.headers, reply.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())
