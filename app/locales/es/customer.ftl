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
