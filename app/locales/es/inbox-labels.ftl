add = Etiqueta
search = Buscar etiquetas
none-match = Ninguna etiqueta coincide.
none-yet = Aún no hay etiquetas: un supervisor las crea en la pantalla Etiquetas.
remove = Quitar la etiqueta { $name }
keys-hint = Flechas para moverse, Intro para poner o quitar, Esc para cerrar
region = Etiquetas de esta conversación
