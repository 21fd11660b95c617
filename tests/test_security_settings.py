"""Production settings pass Django's deployment checks; every page carries a strict Content-Security-Policy."""

import gc
import json
import multiprocessing
import re
import runpy
import secrets

import pytest

from tests.conftest import PROJECT, manage_py

# The production settings the README documents, with a fresh secret.
PRODUCTION = {
    "ALLOWED_HOSTS": "depositary.example.org",
    "DEBUG": "0",
    "BEHIND_HTTPS_PROXY": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}
README = (PROJECT / "README.md").read_text()
TEMPLATES = sorted((PROJECT / "templates").rglob("*.html"))
# Inline code a strict policy blocks: a <script> without src, <style>, style="" and on...="" attributes.
INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def production_settings(*names, **overrides):
    """Return the named settings as a fresh production process reads them."""
    values = f"[getattr(settings, name, None) for name in {names!r}]"
    code = f"import json; from django.conf import settings; print(json.dumps({values}))"
    environment = {**PRODUCTION, "SECRET_KEY": secrets.token_urlsafe(50), **overrides}
    result = manage_py("shell", "--verbosity", "0", "-c", code, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_documented_production_settings_pass_check_deploy_without_a_warning():
    result = manage_py("check", "--deploy", **PRODUCTION, SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stderr
    assert "WARNINGS" not in result.stderr


@pytest.mark.parametrize("name", PRODUCTION)
def test_the_readme_documents_each_production_setting(name):
    assert f"{name}={PRODUCTION[name]}" in README


def test_production_redirects_to_https_and_sends_secure_cookies():
    assert production_settings("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE") == [
        True,
        True,
        True,
    ]


def test_the_proxy_header_is_trusted_only_when_the_environment_says_a_proxy_sets_it():
    assert production_settings("SECURE_PROXY_SSL_HEADER") == [["HTTP_X_FORWARDED_PROTO", "https"]]
    assert production_settings("SECURE_PROXY_SSL_HEADER", BEHIND_HTTPS_PROXY="0") == [None]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/treaties/", "/notifications/", "/admin/login/"])
def test_a_page_carries_a_strict_content_security_policy(client, url):
    response = client.get(url)

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(PROJECT / "templates")))
def test_no_template_has_inline_scripts_or_styles(template):
    assert INLINE_CODE.findall(template.read_text()) == []


def test_gunicorn_runs_two_workers_a_core_plus_one_and_kills_a_stuck_one_after_the_database_gave_up(monkeypatch):
    for name in ("WEB_CONCURRENCY", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)

    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))

    assert config["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert config["timeout"] * 1000 > production_settings("DATABASE_STATEMENT_TIMEOUT")[0]
    assert config["graceful_timeout"] > 0


def test_each_gunicorn_worker_lets_downloads_tell_it_they_are_alive(monkeypatch):
    from config import exports

    class Worker:
        def notify(self):
            pass

    worker = Worker()
    monkeypatch.setattr(exports, "_worker_alive", None)
    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))

    try:
        config["post_worker_init"](worker)
    finally:
        gc.unfreeze()

    assert exports._worker_alive == worker.notify


def test_the_readmes_production_command_uses_the_gunicorn_config():
    assert "gunicorn -c gunicorn.conf.py config.wsgi" in README
