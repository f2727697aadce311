"""No models: this module exists so Django sends post_migrate for the project app."""
