"""The questionnaire in the browser: steps, check answers, storing the result."""
from . import check
from .views import bp

__all__ = ["bp", "check"]
