loading = Cargando respuestas rápidas…
no-match = Ninguna respuesta rápida coincide con "/{ $q }".
manage = Gestionar respuestas rápidas
keys = Arriba/Abajo para elegir · Intro o Tab para insertar · Esc para cerrar
mine = mía
fill-in = Completa antes de enviar:
hint = Escribe / para usar respuestas rápidas
