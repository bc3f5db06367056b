"""The landing page, robots.txt and the icon, the health check, and the error pages."""
from . import errors, health
from .views import bp

__all__ = ["bp", "errors", "health"]
