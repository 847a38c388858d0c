"""Every SQL statement of fpa-console, one file each, loaded by name (see console.sql)."""
