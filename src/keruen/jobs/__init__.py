"""Long work in a job queue (huey: an SQLite file by default, Redis in production): planning,
large imports, later PDFs and e-mail. Each job has a row in the database (state, progress,
result), so any app process can show it and ask to cancel it, whichever worker runs it."""
