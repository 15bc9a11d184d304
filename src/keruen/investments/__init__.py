"""What the forum produces: meeting outcomes and agreements, investment projects with their
stages and sourced figures, and the sites (industrial zones, special economic zones) projects
are placed on. Models here; `outcomes.py` and `service.py` write, `queries.py` reads."""
