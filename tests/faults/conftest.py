"""Fault tests run against real gunicorn (README's production command, gunicorn.conf.py):
every test here is marked `faults` (a group CI runs within README's test command)."""
import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.faults)
