"""Events: days, sessions and slots, halls and tables, sides, and who takes part in what role."""
