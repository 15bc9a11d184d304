"""Meeting requests between participants, and the schedules built from the accepted ones."""
