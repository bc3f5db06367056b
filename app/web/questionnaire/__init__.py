"""The questionnaire in the browser: steps, check answers, storing the result."""
from . import check, views
from .current import bp

__all__ = ["bp", "check", "views"]
