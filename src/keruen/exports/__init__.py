"""Renderers over read models: tables (terminal, JSON, CSV, XLSX) now; PDF and iCalendar later."""
