## Settings → Marketing consent (admins).

title = Consentimiento de marketing
hint = Quién puede recibir plantillas de marketing y cómo dicen los clientes que sí o que no. Las plantillas de utilidad y de autenticación no se ven afectadas (reglas de WhatsApp).
opt-in-one-to-one = Los agentes, el bot y la API solo envían plantillas de marketing a clientes que lo aceptaron (desactivado: a todos los que no se dieron de baja)
opt-in-campaigns = Las campañas solo envían marketing a clientes que lo aceptaron (recomendado)
stop-keywords = Palabras de baja
start-keywords = Palabras de alta
keywords-hint = Separadas por comas. Un mensaje del cliente que sea solo una de estas palabras (da igual mayúsculas, tildes o signos) cambia su consentimiento.
replies = Respuestas de confirmación
replies-hint = Se envían en el idioma del cliente, solo mientras su ventana de 24 horas está abierta. Deja un cuadro vacío para enviar el texto que muestra; escribe un solo «-» para no enviar nada.
stop-reply = Tras una palabra de baja
start-reply = Tras una palabra de alta
save = Guardar
saved = Guardado.
loading = Cargando…
