"""Storage: the engine, the table, the store of results and its commands.

Imports the model only; knows nothing of requests or pages.
"""
