"""The domain: events (what happened), state (what is), the reducer (state = fold of
events), the rules a command checks first, visibility (who may see what), history (undo
and redo) and dice. Pure Python over the scenario model; it knows no save and no screen."""
