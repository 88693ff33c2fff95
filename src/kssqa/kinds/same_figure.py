"""same_figure — placeholder until implemented."""
