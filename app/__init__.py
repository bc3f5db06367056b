"""Interview Verdict: the application factory, and nothing else.

The code lives in three wings: `model` (pure: the rules, answers, scoring, advice), `storage`
(the database) and `web` (the Flask face). Imports run web -> storage -> model, never back.
Configuration is layered as in Flask's tutorial: defaults, then the instance folder's
config.py, then the environment, then `test_config`. Everything else is bound here.
"""
from __future__ import annotations

from flask import Flask
from flask_compress import Compress

from . import config, paths
from .model.rules_build import load_rules
from .storage.cli import COMMANDS
from .web import api, mine, opinions, pages, questionnaire, results
from .web.pages import errors
from .web.shared import bodies, limits, logs, page_cache, security, sessions, static_files


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=paths.TEMPLATES, static_folder=paths.STATIC,
                instance_relative_config=True)
    config.load(app, test_config)
    app.extensions["rules"] = load_rules(app.config["RULES_PATH"])  # fails fast on a bad file
    security.init_app(app)
    static_files.init_app(app)  # fingerprinted URLs, a year's caching for them
    page_cache.init_app(app)
    security.csrf.exempt(api.bp)  # stateless JSON: no cookie is read, so nothing to forge
    sessions.init_app(app, api.bp.url_prefix or "/api", app.static_url_path or "/static")
    errors.init_app(app)
    for command in COMMANDS:
        app.cli.add_command(command)
    for blueprint in (pages.bp, questionnaire.bp, results.bp, results.preview.bp, opinions.bp,
                      api.bp, pages.health.bp, mine.bp):
        app.register_blueprint(blueprint)
    limits.init_app(app)  # wraps the registered views by endpoint
    bodies.init_app(app)  # after security: its before_request hook must run first, CSRF included
    logs.init_app(app)
    Compress(app)  # gzip when no proxy does it (COMPRESS_* in config.py)
    return app
