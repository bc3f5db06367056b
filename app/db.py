"""Database engine and session (placeholder until the storage work lands)."""
from flask import Flask


def init_app(app: Flask) -> None:
    pass
