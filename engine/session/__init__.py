"""A session: the live one (append and query, one writer), its commands, replay,
branching and comparing, JSON exchange and the seeded simulation."""
