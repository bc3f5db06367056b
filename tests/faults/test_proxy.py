"""docs/nginx.conf in front of README's production command, as the README tells an operator
to run it (BASE_URL https, TRUST_PROXY=1): HTTP redirects to HTTPS, cookies are Secure, limits
count the real client (X-Forwarded-For set by nginx, not by the client), and neither log holds
a share token. Skipped without nginx and openssl (CI installs nginx-light)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from ..servers import ROOT, Gunicorn, free_port
from ..support.slow_clients import probe

TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde"
# every other character percent-encoded, as the probe sent it (served as /r/<TOKEN>)
ENCODED = "".join(f"%{ord(c):02X}" if i % 2 else c for i, c in enumerate(TOKEN))


@pytest.fixture()
def proxied(tmp_path):
    nginx, openssl = shutil.which("nginx") or "/usr/sbin/nginx", shutil.which("openssl")
    if not Path(nginx).exists() or openssl is None:
        pytest.skip("needs nginx and openssl (apt-get install -y nginx-light openssl)")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=verdict.example", "-keyout", str(tmp_path / "key.pem"),
                    "-out", str(tmp_path / "cert.pem")], check=True, capture_output=True)
    app_port, http_port, https_port = free_port(), free_port(), free_port()
    site = (ROOT / "docs" / "nginx.conf").read_text()
    for old, new in (("/etc/ssl/verdict.example/fullchain.pem", str(tmp_path / "cert.pem")),
                     ("/etc/ssl/verdict.example/privkey.pem", str(tmp_path / "key.pem")),
                     ("/var/log/nginx/", f"{tmp_path}/"),
                     ("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};"),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")):
        assert old in site, old
        site = site.replace(old, new)
    temp = "".join(f"{kind}_temp_path {tmp_path}/{kind};\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\naccess_log off;\n{temp}{site}\n}}\n")
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'proxy.sqlite3'}", "TRUST_PROXY": "1",
           "BASE_URL": "https://verdict.example", "RATELIMIT_API": "2 per minute"}
    with Gunicorn(tmp_path / "gunicorn.log", env, ["-w", "2", "-b", f"127.0.0.1:{app_port}",
                                                   "app:create_app()"]) as app:
        subprocess.run([nginx, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                       check=True, capture_output=True)
        try:
            yield tmp_path, http_port, https_port, app
        finally:
            subprocess.run([nginx, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path),
                            "-s", "stop"], capture_output=True)


def curl(*args: str) -> str:
    return subprocess.run(["curl", "-sk", "-H", "Host: verdict.example", *args],
                          capture_output=True, text=True, timeout=30).stdout


def test_nginx_snippet_in_front_of_gunicorn(proxied):
    folder, http_port, https_port, app = proxied
    https = f"https://127.0.0.1:{https_port}"
    redirect = curl("-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                    f"http://127.0.0.1:{http_port}/q/you")
    assert redirect == "301 https://verdict.example/q/you"
    headers = curl("-D", "-", "-o", "/dev/null", f"{https}/q/you")
    assert "strict-transport-security: max-age=31536000" in headers.lower()
    cookie = next(line for line in headers.splitlines() if line.lower().startswith("set-cookie"))
    assert "Secure" in cookie and "HttpOnly" in cookie
    assert cookie.split(":", 1)[1].strip().startswith("__Host-session=")  # served over HTTPS
    # a client-sent X-Forwarded-For is replaced by nginx: it cannot dodge its limit
    codes = [curl("-o", "/dev/null", "-w", "%{http_code}", "-H", f"X-Forwarded-For: 10.0.0.{n}",
                  f"{https}/api/v1/questionnaire") for n in range(3)]
    assert codes == ["200", "200", "429"]
    assert curl("-o", "/dev/null", "-w", "%{http_code}", "-H",
                f"Referer: https://verdict.example/r/{TOKEN}", f"{https}/r/{TOKEN}") == "404"
    for path in (f"/r/{ENCODED}", f"/%72/{ENCODED}.json", f"/r%2F{TOKEN}/card.png"):
        assert curl("-o", "/dev/null", "-w", "%{http_code}", "-H",
                    f"Referer: https://verdict.example{path}", f"{https}{path}") == "404"
    app.stop()  # flushes gunicorn's access log
    nginx_log = (folder / "interview-verdict.access.log").read_text()
    gunicorn_log = app.log.read_text()
    assert "/r/[token]" in nginx_log and "/r/[token]" in gunicorn_log
    for log in (nginx_log, gunicorn_log):
        for encoded in (log, unquote(log), unquote(unquote(log))):
            assert not any(TOKEN[i:i + 6] in encoded for i in range(len(TOKEN) - 5)), log
    assert nginx_log.count("[token]") == 8  # 4 requests, each in the request line and Referer


def test_slow_headers_and_slow_bodies_wait_on_nginx_while_the_site_answers(proxied):
    """Eight slow-header and eight slow-body connections (more than the 8 threads of `-w 2`)
    held through nginx: every health probe meanwhile is answered."""
    _, _, https_port, _ = proxied
    result = probe("127.0.0.1", https_port, tls=True, name="verdict.example",
                   kinds=("headers", "body"), connections=8, seconds=6)
    print(f"\nthrough nginx, 8 slow-header + 8 slow-body connections: health probes "
          f"{result.answered + result.failed} sent, {result.answered} answered, "
          f"{result.failed} failed")
    assert result.failed == 0 and result.answered >= 8, result
