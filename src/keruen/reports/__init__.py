"""Dashboards and leadership reports over outcomes and the investment pipeline: charts rendered
on the server as SVG (the same in pages and PDFs), PDF and Excel reports, each figure traceable."""
