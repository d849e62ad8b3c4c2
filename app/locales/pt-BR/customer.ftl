## O que o próprio desk escreve aos clientes (as frases do bot), no idioma do cliente.

reopen-today = hoje às { $time }
reopen-tomorrow = amanhã às { $time }
reopen-on-day = na { $day } às { $time }
reopen-soon = em breve
reopen-unknown = assim que possível
weekdays =
    .mon = segunda-feira
    .tue = terça-feira
    .wed = quarta-feira
    .thu = quinta-feira
    .fri = sexta-feira
    .sat = sábado
    .sun = domingo
