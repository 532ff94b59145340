"""Operations, one module per area. Importing a module registers its operations."""
