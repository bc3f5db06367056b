"""The questionnaire in the browser: steps, check answers, storing the result."""
from . import check, details
from .views import bp

__all__ = ["bp", "check", "details"]
