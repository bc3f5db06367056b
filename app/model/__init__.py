"""The pure model: the rules, answers, scoring, what would change, advice and result types.

Nothing here imports Flask, SQLAlchemy or the other wings (import-linter checks it), so every
verdict can be computed and tested without a request or a database.
"""
