## What messages cost: estimates in the template picker, and Settings → Costs (admins).

free-window = Gratis: dentro de la ventana de atención al cliente
free-entry-point = Gratis: dentro de las 72 horas tras un anuncio de clic a WhatsApp
blocked-us = No se entregará: WhatsApp pausa el marketing a números de EE. UU.
# Variables: $price (e.g. “0.0625 USD”), $category (e.g. “marketing”), $market (Meta's market name, e.g. “Spain”)
estimate = ≈ { $price } · { $category } · { $market }
# Variables: $category, $market
no-price = { $category } · { $market }: sin precio en la tarifa
# Variables: $category (e.g. “marketing”)
charged = WhatsApp lo cobra como { $category }
# Variables: $price (e.g. “0.0625 USD”), $category (e.g. “marketing”), $market (e.g. “Brazil”)
charged-price = Cobrado por WhatsApp: { $price } · { $category } · { $market }
estimated-free = { $category } · gratis
# A pricing category as Meta names it.
category =
    .marketing = marketing
    .utility = utilidad
    .authentication = autenticación
    .authentication-international = autenticación (internacional)
    .service = servicio

## Settings → Costs.
title = Costes
subtitle = Lo que Meta cobra por mensaje entregado, por mercado y categoría. El escritorio estima cada mensaje antes de enviarlo y valora lo que Meta dice haber cobrado.
rate-cards = Tarifas
no-cards = Aún no hay tarifa: las estimaciones dicen «sin precio» hasta que importes la tarifa de Meta en tu moneda.
in-force = Vigente desde { $date }
# Variables: $date (the first day), $markets (how many markets)
card = Desde { $date } · { $markets } mercados
source = Fuente
currency = Moneda
market = Mercado
import = Importar el CSV de Meta
import-hint = Pega la tarifa que Meta publica para tu moneda (una fila por mercado; columnas Marketing, Utility, Authentication, Authentication-International, Service) y el primer día en que se aplica.
effective-from = Se aplica desde
paste = CSV
import-button = Importar
use-sample = Cargar la tarifa de ejemplo de la demo
download = Descargar CSV
delete-card = Eliminar
# Variables: $line (a line number), $problem (what is wrong there)
csv-problem = Línea { $line }: { $problem }
csv-problems =
    .missing-market-column = no hay columna Market en la cabecera
    .no-price-columns = no hay columnas de precio (Marketing, Utility, Authentication…)
    .unknown-market = este mercado no es uno de los de Meta
    .bad-price = no es un precio
    .duplicate-market = este mercado aparece dos veces
    .mixed-currency = otra moneda que el resto del archivo
    .unclosed-quote = unas comillas sin cerrar
    .no-rates = el archivo no tiene tarifas
rules = Modelo de precios
rules-hint = Meta cambia con el tiempo lo que cobra; cada fila se aplica desde su fecha. Cámbialas solo cuando Meta anuncie un cambio.
service-charged = Se cobran los mensajes de servicio (texto libre)
utility-in-window-charged = Se cobran las plantillas de utilidad dentro de la ventana
from = Desde
saved = Guardado.
save = Guardar
loading = Cargando…
