"""Import of organizations, delegates and cooperation profiles from XLSX and CSV, all or nothing."""
