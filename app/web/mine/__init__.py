"""Your interviews (GET /mine): every live result made in this browser, side by side, with no
account: the device cookie set when a result is made (web/shared/device.py) finds them
(storage/devices.py), the model orders them (model/compare.py).

A feature of its own: it imports no other feature's package; the questionnaire sets the cookie
through web/shared/device.py, and the landing and result pages link here through
`mine/_link.html`.
"""
from .views import bp

__all__ = ["bp"]
