"""Interview Verdict: the application factory, and nothing else.

Configuration is layered as in Flask's tutorial: defaults, then the instance folder's
config.py, then the environment, then `test_config`. Everything else is bound with init_app.
"""
from __future__ import annotations

from flask import Flask

from . import config


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder="../templates", static_folder="../static",
                instance_relative_config=True)
    config.load(app, test_config)

    from . import api, db, errors, pages, results, security, wizard
    from .rules import load_rules

    app.extensions["rules"] = load_rules(app.config["RULES_PATH"])  # fails fast on a bad file
    security.init_app(app)
    db.init_app(app)
    errors.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(wizard.bp)
    app.register_blueprint(results.bp)
    app.register_blueprint(api.bp)
    return app
