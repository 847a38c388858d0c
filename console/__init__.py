"""fpa-console: 计生协改革监测台, the headless core and the Textual console."""
