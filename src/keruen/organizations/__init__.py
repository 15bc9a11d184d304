"""The directory: organizations, their delegates, activities, products and cooperation profiles."""
