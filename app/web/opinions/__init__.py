"""Second opinions: a friend's answer, the owner's tally and notes, "How sure are you now?"."""
from .views import bp

__all__ = ["bp"]
