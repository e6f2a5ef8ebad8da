"""The save file: the one store that writes it, its lock, numbered migrations, snapshots
(and the chunks and layered containers behind them) and the integrity check."""
