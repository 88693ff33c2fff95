"""dates — placeholder until implemented."""
