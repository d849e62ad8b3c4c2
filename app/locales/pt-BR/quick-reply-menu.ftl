loading = Carregando respostas rápidas…
no-match = Nenhuma resposta rápida corresponde a "/{ $q }".
manage = Gerenciar respostas rápidas
keys = Setas para escolher · Enter ou Tab para inserir · Esc para fechar
mine = minha
fill-in = Preencha antes de enviar:
hint = Digite / para respostas rápidas
