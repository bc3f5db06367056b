"""The web face: blueprints, forms, the wizard's flow, result pages, the card, security, errors.

Imports the model and storage; nothing imports it but the factory.
"""
