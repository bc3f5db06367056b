"""A stored result: its page, JSON, card, try-a-change preview and the owner's delete."""
from . import data, preview
from .views import bp

__all__ = ["bp", "data", "preview"]
