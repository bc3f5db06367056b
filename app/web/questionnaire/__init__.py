"""The questionnaire in the browser: steps, check answers, storing the result."""
from . import check, details, views
from .current import bp

__all__ = ["bp", "check", "details", "views"]
