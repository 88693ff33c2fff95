"""percent_of — placeholder until implemented."""
