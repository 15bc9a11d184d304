"""Agendas people can carry: calendar files that update in place, PDFs, Excel, e-mail."""
