## Lo que el propio desk escribe a los clientes (las frases del bot), en el idioma del cliente.

reopen-today = hoy a las { $time }
reopen-tomorrow = mañana a las { $time }
reopen-on-day = el { $day } a las { $time }
reopen-soon = pronto
reopen-unknown = en cuanto podamos
weekdays =
    .mon = lunes
    .tue = martes
    .wed = miércoles
    .thu = jueves
    .fri = viernes
    .sat = sábado
    .sun = domingo

## Las frases del bot tal como el escritorio las propone (un admin las reescribe en Bot), y como
## el bot las dice a los clientes que escriben en este idioma cuando el de la empresa es otro.
bot-greeting = ¡Hola! 👋 Soy el asistente virtual. ¿En qué te puedo ayudar?
bot-menu-button = Ver opciones
bot-human-option = Hablar con alguien
bot-fallback = Perdona, no te he entendido. ¿Puedes decirlo de otra forma o elegir una opción?
bot-did-you-mean = ¿Te refieres a…?
bot-anything-else = ¿Te ayudo con algo más?
bot-done-button = No, gracias
bot-menu-again-button = Ver el menú
bot-goodbye = ¡Gracias por escribirnos! Si necesitas algo más, aquí estamos.
bot-search-prompt = ¿Qué estás buscando? Escríbelo con tus palabras, por ejemplo «zapatillas rojas».
bot-search-results = Esto es lo que encontré:
bot-results-button = Ver productos
bot-no-results = No encontré nada parecido. Prueba con otras palabras o escribe «menú».
bot-handoff = Te paso con una persona del equipo; te responderá enseguida.
bot-closed = Ahora mismo el equipo no está disponible. Volvemos {"{"}when{"}"}; tu conversación ya está en la cola y te responderemos entonces.

## Confirmations of a customer's marketing choice (sent only inside the 24-hour window).
consent-stop-reply = Listo: ya no recibirás promociones nuestras. Escribe ALTA si cambias de idea.
consent-start-reply = ¡Gracias! Volverás a recibir nuestras novedades y ofertas. Escribe BAJA cuando quieras dejar de recibirlas.
