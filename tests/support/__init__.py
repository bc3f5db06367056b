"""One home for what the tests (and scripts/) share: answer sets (`answers`), the wizard walkers
for the Flask test client and for a Playwright page (`walk`), and the browser's constants and
axe options (`browser`)."""
