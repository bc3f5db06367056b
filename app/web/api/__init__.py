"""The stateless JSON API."""
from .views import bp

__all__ = ["bp"]
