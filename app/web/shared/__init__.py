"""What every part of the web face shares: security headers and cookies, limits, logging,
bad-body checks, static files, the page cache, ownership, encrypted typed text, the
questionnaire's session entry and the friend's form. Imports no feature package."""
