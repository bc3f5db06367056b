"""The stateless JSON API: the questionnaire contract and every kind of bad input."""
