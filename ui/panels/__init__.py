"""The facilitator window's panels. Each follows broadcasts and refreshes what it shows."""
