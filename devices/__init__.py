"""Team devices: a small web server through which teams play from their own browsers.

Neither domain nor Qt: it imports the engine and never ``ui`` or PySide6 (an
import-linter contract says so). It never touches the Session itself: every read and
every command goes to the one thread that owns the session through an ``Owner``
(``devices/owner.py``), and comes back as events like any other. ``DeviceServer``
(``devices/server.py``) is the server; ``parley host`` (``devices/host.py``) runs it
without the facilitator window. See ``docs/devices.md``.
"""
