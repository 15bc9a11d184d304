"""The demo forum: Turkestan–Bayingol business forum, every company visibly fictional."""
