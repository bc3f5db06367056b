"""Interview Verdict: the application factory, and nothing else.

The code lives in three wings: `model` (pure: the rules, answers, scoring, advice), `storage`
(the database) and `web` (the Flask face). Imports run web -> storage -> model, never back.
Configuration is layered as in Flask's tutorial: defaults, then the instance folder's
config.py, then the environment, then `test_config`. Everything else is bound here.
"""
from __future__ import annotations

from flask import Flask

from . import config, paths
from .model.rules_build import load_rules
from .storage.cli import COMMANDS
from .web import (
    api,
    assets,
    bodies,
    compress,
    errors,
    first_view,
    health,
    limits,
    logs,
    opinions,
    pages,
    preview,
    results,
    security,
    wizard,
)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=paths.TEMPLATES, static_folder=paths.STATIC,
                instance_relative_config=True)
    config.load(app, test_config)
    app.extensions["rules"] = load_rules(app.config["RULES_PATH"])  # fails fast on a bad file
    first_view.init_app(app)  # a shared link's first view, before Flask (inside the headers)
    security.init_app(app)
    assets.init_app(app)  # static files from memory: minified, gzipped, fingerprinted
    security.csrf.exempt(api.bp)  # stateless JSON: no cookie is read, so nothing to forge
    errors.init_app(app)
    for command in COMMANDS:
        app.cli.add_command(command)
    for blueprint in (pages.bp, wizard.bp, results.bp, preview.bp, opinions.bp, api.bp,
                      health.bp):
        app.register_blueprint(blueprint)
    limits.init_app(app)  # wraps the registered views by endpoint
    bodies.init_app(app)  # after security: its before_request hook must run first, CSRF included
    logs.init_app(app)
    compress.init_app(app)
    return app
