"""The exhibition of regional products: exhibitors, HS-coded products with photos, and a visitor's
interest that becomes a meeting request with the producer."""
