"""Stored results (placeholder until the storage work lands)."""
from flask import Blueprint

bp = Blueprint("results", __name__, url_prefix="/r")
