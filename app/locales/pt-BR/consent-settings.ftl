## Settings → Marketing consent (admins).

title = Consentimento de marketing
hint = Quem pode receber modelos de marketing e como os clientes dizem sim ou não. Modelos de utilidade e de autenticação não são afetados (regras do WhatsApp).
opt-in-one-to-one = Agentes, o bot e a API só enviam modelos de marketing a clientes que aceitaram (desligado: a todos que não pediram para sair)
opt-in-campaigns = Campanhas só enviam marketing a clientes que aceitaram (recomendado)
stop-keywords = Palavras para sair
start-keywords = Palavras para voltar
keywords-hint = Separadas por vírgulas. Uma mensagem do cliente que seja só uma destas palavras (tanto faz maiúsculas, acentos ou pontuação) muda o consentimento.
replies = Respostas de confirmação
replies-hint = Enviadas no idioma do cliente, só enquanto a janela de 24 horas está aberta. Deixe uma caixa vazia para enviar o texto mostrado nela; escreva um único “-” para não enviar nada.
stop-reply = Depois de uma palavra para sair
start-reply = Depois de uma palavra para voltar
save = Salvar
saved = Salvo.
loading = Carregando…
