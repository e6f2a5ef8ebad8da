"""Qt models over engine state. They index and format; the session holds the truth."""
