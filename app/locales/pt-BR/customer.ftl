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

## As frases do bot como a central as propõe (um admin pode reescrevê-las na tela Bot), e como o
## bot as diz aos clientes que escrevem neste idioma quando o da empresa é outro.
bot-greeting = Olá! 👋 Sou o assistente virtual. Como posso ajudar?
bot-menu-button = Ver opções
bot-human-option = Falar com uma pessoa
bot-fallback = Desculpe, não entendi. Pode dizer de outro jeito ou escolher uma opção?
bot-did-you-mean = Você quis dizer…?
bot-anything-else = Posso ajudar com mais alguma coisa?
bot-done-button = Não, obrigado
bot-menu-again-button = Ver o menu
bot-goodbye = Obrigado por escrever! Se precisar de mais alguma coisa, estamos aqui.
bot-search-prompt = O que você está procurando? Escreva com suas palavras, por exemplo "tênis vermelho".
bot-search-results = Encontrei isto:
bot-results-button = Ver produtos
bot-no-results = Não encontrei nada parecido. Tente outras palavras ou escreva "menu".
bot-handoff = Vou passar você para uma pessoa da equipe; ela responde em instantes.
bot-closed = A equipe não está disponível agora. Voltamos {"{"}when{"}"}; sua conversa já está na fila e responderemos assim que voltarmos.

## Confirmations of a customer's marketing choice (sent only inside the 24-hour window).
consent-stop-reply = Pronto: você não receberá mais nossas promoções. Escreva START se mudar de ideia.
consent-start-reply = Obrigado! Você voltará a receber nossas novidades e ofertas. Escreva SAIR quando quiser parar.
