"""People who sign in: organizer accounts (password), participants' personal links, server-side
web sessions, consent to cross-border sharing, and a person's data export and erasure."""
