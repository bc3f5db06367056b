"""The session-fixation reproduction of issue 19 over real HTTP, against a running server.

    python scripts/fixation_probe.py 127.0.0.1 8000

1. A browser answers step one; a copy of its cookie is taken.
2. That browser finishes (the "victim").
3. The copy is completed with other answers and posted to /q/check.
Prints both links and whether the copy got the victim's link or an owner cookie for it.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.faults.people import CSRF, Person  # noqa: E402
from tests.support.answers import BASE_ANSWERS  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    args = parser.parse_args()
    victim = Person(args.port)
    _, first_step, _ = victim.request("GET", "/q/")
    _, _, page = victim.request("GET", first_step)
    fields = {name: BASE_ANSWERS[name] for name in set(re.findall(
        r'type="radio"[^>]*name="([a-z_]+)"', page))}
    victim.request("POST", first_step, {**fields, "csrf_token": CSRF.search(page).group(1),
                                        "action": "continue"})
    attacker = Person(args.port)
    attacker.cookies = dict(victim.cookies)  # the copy, taken after step one
    theirs = victim.finish(victim.answer_everything())
    mine = attacker.finish(attacker.answer_everything({**BASE_ANSWERS, "company": "poor"}))
    status, _, _ = attacker.request("GET", theirs + "/delete")  # 200 only for its owner
    print(f"victim's link: {theirs}")
    print(f"copy's link:   {mine}")
    print(f"copy got the victim's link: {mine == theirs}; "
          f"the copy's GET {'/r/<victim>'}/delete: {status}")


if __name__ == "__main__":
    main()
