"""The web application: REST API under /api/v1 and server-rendered pages (Jinja2), on the same
boundary and services as the command line. `create_app(settings)` wires everything."""
