"""names — placeholder until implemented."""
