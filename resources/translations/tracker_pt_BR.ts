<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pt_BR">
<context>
    <name>AcceptTermDialog</name>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="215" />
        <source>Accept term — {0}</source>
        <translation>Aceite do termo — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="226" />
        <source>e-mail, protocol or document number</source>
        <translation>e-mail, protocolo ou número do documento</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="227" />
        <source>Accepted on:</source>
        <translation>Aceito em:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="228" />
        <source>Reference:</source>
        <translation>Referência:</translation>
    </message>
</context>
<context>
    <name>AddSessionDialog</name>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="96" />
        <source>Add session — {0}</source>
        <translation>Adicionar sessão — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="105" />
        <source>Work you did not time. Its ticket must be open.</source>
        <translation>Trabalho que você não cronometrou. O chamado precisa estar aberto.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="112" />
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="113" />
        <source>Ticket:</source>
        <translation>Chamado:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="114" />
        <source>Start:</source>
        <translation>Início:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="115" />
        <source>End:</source>
        <translation>Fim:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="116" />
        <source>Note:</source>
        <translation>Observação:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="117" />
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <location filename="../../ui/consultant/backups.py" line="83" />
        <source>&amp;Back up now…</source>
        <translation>Fazer &amp;backup agora…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/backups.py" line="85" />
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Restaurar um backup…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/backups.py" line="114" />
        <source>Checking the database…</source>
        <translation>Verificando o banco de dados…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/backups.py" line="124" />
        <source>A backup is being written already</source>
        <translation>Já há um backup sendo gravado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/backups.py" line="128" />
        <source>Backing up…</source>
        <translation>Fazendo backup…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/backups.py" line="135" />
        <source>Backup written to {0}</source>
        <translation>Backup gravado em {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/backups.py" line="138" />
        <source>Today's backup is already in {0}</source>
        <translation>O backup de hoje já está em {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/backups.py" line="144" />
        <source>The backup failed: {0}</source>
        <translation>O backup falhou: {0}</translation>
    </message>
</context>
<context>
    <name>BackupFileDialog</name>
    <message>
        <location filename="../../ui/consultant/backups.py" line="29" />
        <source>Back up the database to</source>
        <translation>Salvar o backup do banco de dados em</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/backups.py" line="31" />
        <location filename="../../ui/consultant/backups.py" line="46" />
        <source>Tracker database (*.db)</source>
        <translation>Banco de dados do Tracker (*.db)</translation>
    </message>
</context>
<context>
    <name>BillingWindow</name>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="59" />
        <source>Billing statement</source>
        <translation>Extrato de faturamento</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="89" />
        <source>Month:</source>
        <translation>Mês:</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="90" />
        <source>Approved days only</source>
        <translation>Somente dias aprovados</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="91" />
        <source>Count only the sessions of days a team lead approved</source>
        <translation>Contar somente as sessões dos dias aprovados por um líder</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="95" />
        <source>Rebuild</source>
        <translation>Recalcular</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="95" />
        <source>Read the central export again and price the month</source>
        <translation>Ler novamente a exportação central e calcular os valores do mês</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="99" />
        <source>Bill to:</source>
        <translation>Faturar para:</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="104" />
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="106" />
        <source>All types</source>
        <translation>Todos os tipos</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="135" />
        <source>Totals per party (held lines left out)</source>
        <translation>Totais por cliente/unidade (sem as linhas retidas)</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="82" />
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="82" />
        <source>Export XLSX…</source>
        <translation>Exportar XLSX…</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="82" />
        <source>Export JSON…</source>
        <translation>Exportar JSON…</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="83" />
        <source>The whole statement of the month, whatever the filters show</source>
        <translation>O extrato completo do mês, independentemente dos filtros</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="164" />
        <source>Reading the central export…</source>
        <translation>Lendo a exportação central…</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="165" />
        <source>Pricing…</source>
        <translation>Calculando os valores…</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="176" />
        <source>Building the statement of {month}…</source>
        <translation>Montando o extrato de {month}…</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="186" />
        <source>The statement could not be built: {error}</source>
        <translation>Não foi possível montar o extrato: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="213" />
        <source>{0} standard-support atendimento recorded and never billed.</source>
        <translation>{0} atendimento de Suporte Padrão registrado e nunca faturado.</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="214" />
        <source>{0} standard-support atendimentos recorded and never billed.</source>
        <translation>{0} atendimentos de Suporte Padrão registrados e nunca faturados.</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="221" />
        <source>{0} held line, highlighted: see the reason in its tooltip.</source>
        <translation>{0} linha retida, em destaque: veja o motivo na dica dela.</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="222" />
        <source>{0} held lines, highlighted: see the reason in each tooltip.</source>
        <translation>{0} linhas retidas, em destaque: veja o motivo na dica de cada uma.</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="234" />
        <source>All parties</source>
        <translation>Todos os clientes e unidades</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="237" />
        <source>unit {code}</source>
        <translation>unidade {code}</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="198" />
        <source>{month}: {lines} lines, {held} held; total {total}</source>
        <translation>{month}: {lines} linhas, retidas: {held}; total {total}</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="225" />
        <source>Problem: {text}</source>
        <translation>Problema: {text}</translation>
    </message>
    <message>
        <location filename="../../ui/billing/exports.py" line="31" />
        <source>CSV for spreadsheets (*.csv)</source>
        <translation>CSV para planilhas (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/billing/exports.py" line="32" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Pasta de trabalho do Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/billing/exports.py" line="33" />
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/billing/exports.py" line="38" />
        <source>Export the statement</source>
        <translation>Exportar o extrato</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="271" />
        <source>{path} was not written: {error}</source>
        <translation>{path} não foi gravado: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/billing/billing_window.py" line="275" />
        <source>Exported {path}</source>
        <translation>Exportado: {path}</translation>
    </message>
</context>
<context>
    <name>CentralField</name>
    <message>
        <location filename="../../ui/consultant/central_field.py" line="41" />
        <source>The central export folder</source>
        <translation>A pasta da exportação central</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/central_field.py" line="61" />
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/central_field.py" line="62" />
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/central_field.py" line="67" />
        <source>a shared folder, e.g. /mnt/billing</source>
        <translation>uma pasta compartilhada, por exemplo /mnt/faturamento</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/central_field.py" line="68" />
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/central_field.py" line="72" />
        <source>postgresql://login@host/database</source>
        <translation>postgresql://login@servidor/banco</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/central_field.py" line="79" />
        <source>Test connection</source>
        <translation>Testar conexão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/central_field.py" line="109" />
        <source>is empty; give the folder of the central export</source>
        <translation>está vazio; informe a pasta da exportação central</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/central_field.py" line="119" />
        <source>'{0}' is not a server address; write it as postgresql://login@host/database</source>
        <translation>'{0}' não é um endereço de servidor; escreva como postgresql://login@servidor/banco</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/central_field.py" line="139" />
        <source>Testing…</source>
        <translation>Testando…</translation>
    </message>
</context>
<context>
    <name>CloseNotice</name>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="335" />
        <source>Timer keeps running</source>
        <translation>O cronômetro continua rodando</translation>
    </message>
</context>
<context>
    <name>ConsultantsModel</name>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="56" />
        <source>Consultant</source>
        <translation>Consultor</translation>
    </message>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="57" />
        <source>Recorded</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="58" />
        <source>Billable</source>
        <translation>Faturável</translation>
    </message>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="59" />
        <source>Standard</source>
        <translation>Padrão</translation>
    </message>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="61" />
        <source>Flagged</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="69" />
        <source>Decision</source>
        <translation>Decisão</translation>
    </message>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="92" />
        <source>not reviewed</source>
        <translation>não revisado</translation>
    </message>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="94" />
        <source>approved</source>
        <translation>aprovado</translation>
    </message>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="95" />
        <source>returned</source>
        <translation>devolvido</translation>
    </message>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="98" />
        <source>{n} flagged sessions, {d} day flags</source>
        <translation>{n} sessões com alerta, {d} alertas do dia</translation>
    </message>
    <message>
        <location filename="../../ui/lead/consultants_model.py" line="102" />
        <source>by {lead}</source>
        <translation>por {lead}</translation>
    </message>
</context>
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="350" />
        <source>Tracker cannot open your data</source>
        <translation>O Tracker não consegue abrir seus dados</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="352" />
        <source>Tracker cannot open your data.</source>
        <translation>O Tracker não consegue abrir seus dados.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="354" />
        <source>Restore this backup: {0}

The damaged file is kept next to it, untouched. Time recorded after that backup was taken is not in it.</source>
        <translation>Restaurar este backup: {0}

O arquivo danificado fica guardado ao lado dele, intacto. O tempo registrado depois desse backup não está nele.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="361" />
        <source>Restore this backup</source>
        <translation>Restaurar este backup</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="363" />
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
</context>
<context>
    <name>DayNavigator</name>
    <message>
        <location filename="../../ui/consultant/day_nav.py" line="33" />
        <source>Previous day (Alt+Left)</source>
        <translation>Dia anterior (Alt+Esquerda)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_nav.py" line="37" />
        <source>The day shown</source>
        <translation>O dia exibido</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_nav.py" line="38" />
        <source>The day shown: its sessions, total and review</source>
        <translation>O dia exibido: suas sessões, total e revisão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_nav.py" line="39" />
        <source>Next day (Alt+Right)</source>
        <translation>Dia seguinte (Alt+Direita)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_nav.py" line="40" />
        <location filename="../../ui/consultant/day_nav.py" line="51" />
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_nav.py" line="41" />
        <source>Back to today (Alt+Home)</source>
        <translation>Voltar para hoje (Alt+Home)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_nav.py" line="49" />
        <source>Previous day</source>
        <translation>Dia anterior</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_nav.py" line="50" />
        <source>Next day</source>
        <translation>Dia seguinte</translation>
    </message>
</context>
<context>
    <name>DayState</name>
    <message>
        <location filename="../../ui/consultant/day_state.py" line="25" />
        <source>not reviewed</source>
        <translation>não revisado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_state.py" line="26" />
        <source>approved</source>
        <translation>aprovado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_state.py" line="27" />
        <source>returned</source>
        <translation>devolvido</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_state.py" line="28" />
        <source>corrected, awaiting review</source>
        <translation>corrigido, aguardando revisão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_state.py" line="29" />
        <source>corrected, not yet sent: sync it</source>
        <translation>corrigido, ainda não enviado: sincronize</translation>
    </message>
</context>
<context>
    <name>DayTable</name>
    <message>
        <location filename="../../ui/consultant/day_table.py" line="139" />
        <source>Today, {0}</source>
        <translation>Hoje, {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_table.py" line="141" />
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_table.py" line="166" />
        <source>Total today: {0}</source>
        <translation>Total de hoje: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/day_table.py" line="168" />
        <source>Total of the day: {0}</source>
        <translation>Total do dia: {0}</translation>
    </message>
</context>
<context>
    <name>DaysModel</name>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="97" />
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="102" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="108" />
        <source>Sessions</source>
        <translation>Sessões</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="114" />
        <source>Not sent</source>
        <translation>Não enviado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="120" />
        <source>{0} change not yet in the central store: sync</source>
        <translation>{0} alteração ainda fora do armazenamento central: sincronize</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="121" />
        <source>{0} changes not yet in the central store: sync</source>
        <translation>{0} alterações ainda fora do armazenamento central: sincronize</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="130" />
        <source>Review</source>
        <translation>Revisão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="149" />
        <source>Approved by {0} on {1}</source>
        <translation>Aprovado por {0} em {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="151" />
        <source>Returned by {0} on {1}</source>
        <translation>Devolvido por {0} em {1}</translation>
    </message>
</context>
<context>
    <name>DaysView</name>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="164" />
        <source>My days</source>
        <translation>Meus dias</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="173" />
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="174" />
        <source>Month</source>
        <translation>Mês</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="179" />
        <source>The previous week or month</source>
        <translation>A semana ou o mês anterior</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="184" />
        <source>The next week or month</source>
        <translation>A semana ou o mês seguinte</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="207" />
        <source>Open the day</source>
        <translation>Abrir o dia</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="208" />
        <source>Show the selected day in the main window (Enter)</source>
        <translation>Mostrar o dia selecionado na janela principal (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="230" />
        <source>{0} to {1}</source>
        <translation>{0} a {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="232" />
        <source>Reading your days…</source>
        <translation>Lendo seus dias…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="243" />
        <source>Total {0} in {1}; {2} not yet sent; {3}</source>
        <translation>Total {0} em {1}; não enviadas ainda: {2}; {3}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="245" />
        <source>{0} session</source>
        <translation>{0} sessão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="245" />
        <source>{0} sessions</source>
        <translation>{0} sessões</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="247" />
        <source>{0} day returned</source>
        <translation>{0} dia devolvido</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="247" />
        <source>{0} days returned</source>
        <translation>{0} dias devolvidos</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/days_view.py" line="254" />
        <source>Your days could not be read: {0}</source>
        <translation>Não foi possível ler seus dias: {0}</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="54" />
        <source>Defects flagged that day:</source>
        <translation>Defeitos registrados no dia:</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="64" />
        <location filename="../../ui/lead/decision_panel.py" line="96" />
        <source>Decision</source>
        <translation>Decisão</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="69" />
        <source>Comment (optional to approve, required to return)</source>
        <translation>Comentário (opcional para aprovar, obrigatório para devolver)</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="73" />
        <source>Approve day</source>
        <translation>Aprovar dia</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="75" />
        <source>Return day…</source>
        <translation>Devolver dia…</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="76" />
        <source>Send the day back to the consultant with your comment</source>
        <translation>Devolver o dia ao consultor com o seu comentário</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="96" />
        <source>Decision on {who}'s day</source>
        <translation>Decisão sobre o dia de {who}</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="99" />
        <source>No consultant selected</source>
        <translation>Nenhum consultor selecionado</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="104" />
        <source>{who} — recorded {recorded}, billable {billable}, standard {standard}</source>
        <translation>{who} — registrado {recorded}, faturável {billable}, padrão {standard}</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="119" />
        <source>product</source>
        <translation>produto</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="119" />
        <source>documentation</source>
        <translation>documentação</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="120" />
        <source>already published</source>
        <translation>já publicado</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="120" />
        <source>new</source>
        <translation>novo</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="122" />
        <source>Ticket {ticket}: {kind} defect {ref} ({published})</source>
        <translation>Chamado {ticket}: defeito de {kind} {ref} ({published})</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="127" />
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="134" />
        <source>Never synced: nothing from {who} has reached the export.</source>
        <translation>Nunca sincronizado: nada de {who} chegou à exportação.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="142" />
        <source>Not synced since the day ended (last sync {when}): sessions may be missing.</source>
        <translation>Sem sincronizar desde o fim do dia (última sincronização {when}): podem faltar sessões.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="151" />
        <source>Not reviewed yet.</source>
        <translation>Ainda não revisado.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="154" />
        <source>Approved by {lead} on {when}.</source>
        <translation>Aprovado por {lead} em {when}.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="156" />
        <source>Returned by {lead} on {when}.</source>
        <translation>Devolvido por {lead} em {when}.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="158" />
        <source>Comment: {comment}</source>
        <translation>Comentário: {comment}</translation>
    </message>
    <message>
        <location filename="../../ui/lead/decision_panel.py" line="160" />
        <source>(made here; not synced yet)</source>
        <translation>(feita aqui; ainda não sincronizada)</translation>
    </message>
</context>
<context>
    <name>DefectDialog</name>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="240" />
        <source>Flag defect — {0}</source>
        <translation>Registrar defeito — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="243" />
        <source>Product defect</source>
        <translation>Defeito de produto</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="244" />
        <source>Documentation defect</source>
        <translation>Defeito de documentação</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="246" />
        <source>issue or article number</source>
        <translation>número da issue ou do artigo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="247" />
        <source>Already published in the customer portal</source>
        <translation>Já publicado no portal do cliente</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="250" />
        <source>Kind:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="251" />
        <source>Reference:</source>
        <translation>Referência:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="253" />
        <source>Note:</source>
        <translation>Observação:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="254" />
        <source>On a support ticket, a defect not yet published waives the whole charge.</source>
        <translation>Num chamado de suporte, um defeito ainda não publicado abona toda a cobrança.</translation>
    </message>
</context>
<context>
    <name>DeleteSessionDialog</name>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="234" />
        <source>Delete session</source>
        <translation>Excluir sessão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="237" />
        <source>Delete the session {0}?
Its history keeps what it was.</source>
        <translation>Excluir a sessão {0}?
O histórico guarda como ela era.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="244" />
        <source>required: why it is deleted</source>
        <translation>obrigatório: por que está sendo excluída</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="245" />
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="246" />
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
</context>
<context>
    <name>EditSessionDialog</name>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="141" />
        <source>Edit session</source>
        <translation>Editar sessão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="151" />
        <source>required: why it changes (kept in the history)</source>
        <translation>obrigatório: por que muda (fica no histórico)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="152" />
        <source>Start:</source>
        <translation>Início:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="153" />
        <source>End:</source>
        <translation>Fim:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="154" />
        <source>Ticket:</source>
        <translation>Chamado:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="156" />
        <source>Note:</source>
        <translation>Observação:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="157" />
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="177" />
        <source>nothing changed; change a field or press Cancel</source>
        <translation>nada mudou; altere um campo ou clique em Cancelar</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="183" />
        <source>{0} is not after the start {1}</source>
        <translation>{0} não é depois do início {1}</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="276" />
        <source>Escalate to support — {0}</source>
        <translation>Escalar para suporte — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="280" />
        <source>From now on, new sessions on {0} are Consultoria de Suporte (billed per minute). Tick what the customer confirmed:</source>
        <translation>A partir de agora, as novas sessões em {0} são Consultoria de Suporte (cobradas por minuto). Marque o que o cliente confirmou:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="291" />
        <source>Confirmations</source>
        <translation>Confirmações</translation>
    </message>
</context>
<context>
    <name>FinalizeDialog</name>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="308" />
        <source>Finalize — {0}</source>
        <translation>Finalizar — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="312" />
        <source>Finalize ticket {0} ({1})?

Its charge is computed now and billed this month. Its time can no longer change.</source>
        <translation>Finalizar o chamado {0} ({1})?

A cobrança é calculada agora e faturada neste mês. O tempo dele não poderá mais ser alterado.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="318" />
        <source>Finalize</source>
        <translation>Finalizar</translation>
    </message>
</context>
<context>
    <name>Heartbeat</name>
    <message>
        <location filename="../../ui/consultant/heartbeat.py" line="91" />
        <source>Kept the time across the gap; the timer is flagged for review</source>
        <translation>O tempo do intervalo foi mantido; o cronômetro ficou marcado para revisão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/heartbeat.py" line="92" />
        <source>Discarded the gap; the session ended at {0} and a new one started</source>
        <translation>O intervalo foi descartado; a sessão terminou às {0} e uma nova começou</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/heartbeat.py" line="93" />
        <source>Kept the gap as its own session, flagged; a new timer started</source>
        <translation>O intervalo virou uma sessão própria, com alerta; um novo cronômetro começou</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="34" />
        <source>created</source>
        <translation>criada</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="35" />
        <source>edited</source>
        <translation>alterada</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="36" />
        <source>split</source>
        <translation>dividida</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="37" />
        <location filename="../../ui/consultant/session_history.py" line="53" />
        <source>made by a split</source>
        <translation>criada por uma divisão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="38" />
        <location filename="../../ui/consultant/session_history.py" line="48" />
        <source>deleted</source>
        <translation>excluída</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="41" />
        <source>ticket</source>
        <translation>chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="42" />
        <source>type</source>
        <translation>tipo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="43" />
        <source>start</source>
        <translation>início</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="44" />
        <source>end</source>
        <translation>fim</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="45" />
        <source>duration</source>
        <translation>duração</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="46" />
        <source>note</source>
        <translation>observação</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="47" />
        <source>flags</source>
        <translation>alertas</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="51" />
        <source>recorded by the timer</source>
        <translation>registrada pelo cronômetro</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="52" />
        <source>typed in by hand</source>
        <translation>digitada à mão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="54" />
        <source>time away, kept apart</source>
        <translation>tempo ausente, mantido à parte</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="55" />
        <source>imported</source>
        <translation>importada</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="58" />
        <source>Revision</source>
        <translation>Versão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="59" />
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="60" />
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="61" />
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="62" />
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="63" />
        <source>Change</source>
        <translation>Alteração</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="90" />
        <source>{0}; the second part of {1}</source>
        <translation>{0}; a segunda parte de {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="98" />
        <source>split at {0}</source>
        <translation>dividida às {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="113" />
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="114" />
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_history.py" line="166" />
        <source>The session's revision, as the command line shows it (tracker session history)</source>
        <translation>A revisão da sessão, como a linha de comando a mostra (tracker session history)</translation>
    </message>
</context>
<context>
    <name>IdleDialog</name>
    <message>
        <location filename="../../ui/consultant/idle.py" line="36" />
        <source>Were you working while away?</source>
        <translation>Você estava trabalhando enquanto esteve ausente?</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/idle.py" line="37" />
        <source>You were away from {0} to {1} while the timer on {2} ran ({3}).</source>
        <translation>Você ficou ausente das {0} às {1} enquanto o cronômetro de {2} rodava ({3}).</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/idle.py" line="41" />
        <source>Keep the time: it was work (a call, a meeting); nothing changes.
Discard the idle time: the session ends at {0} and a new one starts at {1}.
Split: as Discard, and the time away is kept as its own session, flagged idle.</source>
        <translation>Manter o tempo: foi trabalho (uma ligação, uma reunião); nada muda.
Descartar o tempo ausente: a sessão termina às {0} e uma nova começa às {1}.
Dividir: como Descartar, e o tempo ausente fica como uma sessão própria, marcada como ausência.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/idle.py" line="45" />
        <source>Keep the time</source>
        <translation>Manter o tempo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/idle.py" line="45" />
        <source>Discard the idle time</source>
        <translation>Descartar o tempo ausente</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/idle.py" line="45" />
        <source>Split</source>
        <translation>Dividir</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../ui/consultant/import_wizard.py" line="36" />
        <source>Import finished</source>
        <translation>Importação concluída</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_wizard.py" line="53" />
        <source>Move in from another time tracker</source>
        <translation>Importar de outro controle de horas</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_wizard.py" line="55" />
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_wizard.py" line="151" />
        <source>New sessions written: {added} · Already stored: {stored} · Entries left out: {skipped} · Time of the mapped entries: {time}</source>
        <translation>Sessões novas gravadas: {added} · Já existentes: {stored} · Lançamentos ignorados: {skipped} · Tempo dos lançamentos mapeados: {time}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="131" />
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="137" />
        <source>&amp;System</source>
        <translation>Do &amp;sistema</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="159" />
        <source>The database is not writable now; the language was not changed.</source>
        <translation>O banco de dados não aceita gravações agora; o idioma não foi alterado.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="167" />
        <source>The language changes the next time Tracker starts.</source>
        <translation>O idioma muda na próxima vez que o Tracker for aberto.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="174" />
        <source>Welcome to Tracker</source>
        <translation>Bem-vindo(a) ao Tracker</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="179" />
        <source>Your login names every session you record. The central store is where your sessions go when you sync, for your lead and billing; ask your lead which one to use. Check both and press OK.</source>
        <translation>Seu login identifica cada sessão que você registra. O armazenamento central é para onde suas sessões vão quando você sincroniza, para o seu líder e o faturamento; pergunte ao seu líder qual usar. Confira os dois e clique em OK.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="191" />
        <source>Central store:</source>
        <translation>Armazenamento central:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/dialogs.py" line="188" />
        <source>Login:</source>
        <translation>Login:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="27" />
        <source>Tracker</source>
        <translation>Tracker</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="88" />
        <source>Checking the database…</source>
        <translation>Verificando o banco de dados…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="153" />
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="157" />
        <source>&amp;Move in from Toggl, Clockify or Watson…</source>
        <translation>&amp;Importar do Toggl, Clockify ou Watson…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="163" />
        <source>&amp;Close window</source>
        <translation>&amp;Fechar janela</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="164" />
        <source>&amp;Session</source>
        <translation>&amp;Sessão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="166" />
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="171" />
        <source>&amp;Week…</source>
        <translation>&amp;Semana…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="401" />
        <source>Restored {0}; the previous database was kept as {1}</source>
        <translation>{0} restaurado; o banco de dados anterior foi guardado como {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="273" />
        <source>Consultant: {0}</source>
        <translation>Consultor(a): {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="160" />
        <source>S&amp;ettings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="169" />
        <source>My &amp;days…</source>
        <translation>&amp;Meus dias…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="215" />
        <source>The database is not writable now; try again in a moment.</source>
        <translation>O banco de dados não aceita gravação agora; tente de novo em instantes.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="222" />
        <source>Settings saved. The language changes the next time Tracker starts.</source>
        <translation>Configurações salvas. O idioma muda na próxima vez que o Tracker iniciar.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="224" />
        <source>Settings saved</source>
        <translation>Configurações salvas</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="326" />
        <source>Warning: {0}</source>
        <translation>Atenção: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="368" />
        <source>Database checked</source>
        <translation>Banco de dados verificado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="373" />
        <source>Nothing is written: the database is damaged</source>
        <translation>Nada é gravado: o banco de dados está danificado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="374" />
        <source>The database is damaged; nothing is written to it</source>
        <translation>O banco de dados está danificado; nada é gravado nele</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="399" />
        <source>Restored {0}; the damaged database was kept as {1}</source>
        <translation>{0} restaurado; o banco de dados danificado foi guardado como {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="469" />
        <source>Tracker is still running</source>
        <translation>O Tracker continua aberto</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="469" />
        <source>Open it again from the tray icon.</source>
        <translation>Abra de novo pelo ícone na bandeja.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/main_window.py" line="481" />
        <source>The timer on {0} keeps running; it is stored and will be here when you reopen.</source>
        <translation>O cronômetro de {0} continua rodando; ele está salvo e estará aqui quando você reabrir.</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="246" />
        <source>Which ticket is each project?</source>
        <translation>Qual chamado corresponde a cada projeto?</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="249" />
        <source>An entry goes to its project's ticket, else to the ticket of its first mapped tag. Entries with nothing mapped are left out.</source>
        <translation>Cada lançamento vai para o chamado do seu projeto ou, se não houver, para o chamado da primeira tag mapeada. Lançamentos sem nada mapeado ficam de fora.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="255" />
        <source>Project or tag</source>
        <translation>Projeto ou tag</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="255" />
        <source>Entries</source>
        <translation>Lançamentos</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="255" />
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="255" />
        <source>Ticket</source>
        <translation>Chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="271" />
        <source>(skip)</source>
        <translation>(ignorar)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="276" />
        <source>Project: {name}</source>
        <translation>Projeto: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="277" />
        <source>Tag: {name}</source>
        <translation>Tag: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="298" />
        <source>Ticket for {label}</source>
        <translation>Chamado para {label}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="350" />
        <source>Map at least one project or tag to a ticket.</source>
        <translation>Mapeie pelo menos um projeto ou tag para um chamado.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../ui/common/message_bar.py" line="51" />
        <source>Close this message</source>
        <translation>Fechar esta mensagem</translation>
    </message>
</context>
<context>
    <name>NewTicketDialog</name>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="30" />
        <source>New ticket</source>
        <translation>Novo chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="34" />
        <source>7–8 digits, e.g. 12345678</source>
        <translation>7–8 dígitos, ex.: 12345678</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="45" />
        <source>Term accepted on</source>
        <translation>Termo aceito em</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="57" />
        <source>e-mail, protocol or document number</source>
        <translation>e-mail, protocolo ou número do documento</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="59" />
        <source>Number:</source>
        <translation>Número:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="60" />
        <source>Customer:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="61" />
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="62" />
        <source>Product:</source>
        <translation>Produto:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="63" />
        <source>Scope:</source>
        <translation>Escopo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="64" />
        <source>Term:</source>
        <translation>Termo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="65" />
        <source>Term reference:</source>
        <translation>Referência do termo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="75" />
        <source>Bill to a unit (franchise, project, homologated, AMS)</source>
        <translation>Faturar para uma unidade (franquia, projeto, homologada, AMS)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="91" />
        <source>Unit code:</source>
        <translation>Código da unidade:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="92" />
        <source>Authorization:</source>
        <translation>Autorização:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="93" />
        <source>Cost center:</source>
        <translation>Centro de custo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="94" />
        <source>Value class:</source>
        <translation>Classe de valor:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="95" />
        <source>Accounting item:</source>
        <translation>Item contábil:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="70" />
        <source>Create ticket</source>
        <translation>Criar chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="121" />
        <source>(none)</source>
        <translation>(nenhum)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_dialog.py" line="121" />
        <source>(no scope for this type)</source>
        <translation>(sem escopo para este tipo)</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="53" />
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="57" />
        <source>Time</source>
        <translation>Horário</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="58" />
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="59" />
        <source>Ticket</source>
        <translation>Chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="60" />
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="55" />
        <source>Line {line} of the file</source>
        <translation>Linha {line} do arquivo</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/consultant/import_preview.py" line="28" />
        <source>Check before importing</source>
        <translation>Confira antes de importar</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_preview.py" line="30" />
        <source>These sessions will be written in one go: all of them or, if one is refused, none.</source>
        <translation>Estas sessões serão gravadas de uma vez só: todas ou, se uma for recusada, nenhuma.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_preview.py" line="67" />
        <source>Entries left out: {n}</source>
        <translation>Lançamentos ignorados: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_preview.py" line="70" />
        <source>Checking {n} sessions…</source>
        <translation>Verificando {n} sessões…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_preview.py" line="83" />
        <source>{n} sessions were built from the file, but the import would be refused.</source>
        <translation>{n} sessões foram montadas a partir do arquivo, mas a importação seria recusada.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_preview.py" line="87" />
        <source>Nothing can be imported: {error}</source>
        <translation>Nada pode ser importado: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_preview.py" line="96" />
        <source>New sessions to write: {new} · Already stored: {stored} · Entries left out: {skipped} · Time of the mapped entries: {time}</source>
        <translation>Sessões novas a gravar: {new} · Já existentes: {stored} · Lançamentos ignorados: {skipped} · Tempo dos lançamentos mapeados: {time}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_preview.py" line="106" />
        <source>No entry is mapped to a ticket: go back and map a project or tag.</source>
        <translation>Nenhum lançamento está mapeado para um chamado: volte e mapeie um projeto ou tag.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_preview.py" line="134" />
        <source>Nothing was imported: {error}</source>
        <translation>Nada foi importado: {error}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/common/i18n.py" line="39" />
        <source>&amp;Look in:</source>
        <translation>&amp;Procurar em:</translation>
    </message>
    <message>
        <location filename="../../ui/common/i18n.py" line="40" />
        <source>Files of &amp;type:</source>
        <translation>Arquivos do &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>QuickSwitchPalette</name>
    <message>
        <location filename="../../ui/consultant/palette.py" line="240" />
        <source>Switch to a ticket: type its number or customer</source>
        <translation>Trocar de chamado: digite o número ou o cliente</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/palette.py" line="251" />
        <source>↑ ↓ choose · Enter starts the timer · Esc closes</source>
        <translation>↑ ↓ escolhe · Enter inicia o cronômetro · Esc fecha</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/palette.py" line="285" />
        <source>(running)</source>
        <translation>(rodando)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/palette.py" line="291" />
        <source>running</source>
        <translation>rodando</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/palette.py" line="374" />
        <source>The database is being checked; try again in a moment.</source>
        <translation>O banco de dados está sendo verificado; tente de novo em instantes.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/palette.py" line="408" />
        <source>Start or stop the timer</source>
        <translation>Iniciar ou parar o cronômetro</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/palette.py" line="409" />
        <source>Switch ticket…</source>
        <translation>Trocar de chamado…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/palette.py" line="410" />
        <source>New ticket…</source>
        <translation>Novo chamado…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/palette.py" line="411" />
        <source>Sync now</source>
        <translation>Sincronizar agora</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/palette.py" line="412" />
        <source>Write a note</source>
        <translation>Escrever uma observação</translation>
    </message>
</context>
<context>
    <name>RatesDialog</name>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="103" />
        <source>Hourly rates</source>
        <translation>Tarifas por hora</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="109" />
        <source>Each billed type has an hourly rate in versions. A line is priced with the version in force on the day the customer accepted the term; old versions are never changed.</source>
        <translation>Cada tipo faturado tem um valor-hora em versões. Cada linha é valorizada com a versão vigente no dia do aceite do termo pelo cliente; versões antigas nunca mudam.</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="166" />
        <source>Set a rate</source>
        <translation>Definir uma tarifa</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="171" />
        <source>for example 240,00</source>
        <translation>por exemplo 240,00</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="173" />
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="174" />
        <source>Hourly (R$):</source>
        <translation>Valor-hora (R$):</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="175" />
        <location filename="../../ui/billing/rates_dialog.py" line="201" />
        <source>From:</source>
        <translation>A partir de:</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="176" />
        <source>Add rate version</source>
        <translation>Adicionar versão da tarifa</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="188" />
        <source>Yearly adjustment</source>
        <translation>Reajuste anual</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="193" />
        <source>The inflation index of the contract; type another name if needed</source>
        <translation>O índice de inflação do contrato; digite outro nome se precisar</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="195" />
        <source>for example 4,62</source>
        <translation>por exemplo 4,62</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="199" />
        <source>Index:</source>
        <translation>Índice:</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="200" />
        <source>Percent:</source>
        <translation>Percentual:</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="202" />
        <source>Types:</source>
        <translation>Tipos:</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="203" />
        <source>Apply adjustment</source>
        <translation>Aplicar reajuste</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="180" />
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="181" />
        <source>Hourly (R$)</source>
        <translation>Valor-hora (R$)</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="182" />
        <location filename="../../ui/billing/rates_dialog.py" line="209" />
        <source>From</source>
        <translation>A partir de</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="207" />
        <source>Index</source>
        <translation>Índice</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="208" />
        <source>Percent</source>
        <translation>Percentual</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="210" />
        <source>Types</source>
        <translation>Tipos</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="216" />
        <source>Both billed types</source>
        <translation>Os dois tipos faturados</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="264" />
        <source>Added {type} v{version}: {hourly} from {start}.</source>
        <translation>Tarifa de {type} v{version} adicionada: {hourly} a partir de {start}.</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="289" />
        <source>Adjusted by {index} {percent} %: {rates}.</source>
        <translation>Reajustado pelo {index} em {percent} %: {rates}.</translation>
    </message>
</context>
<context>
    <name>RatesModel</name>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="68" />
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="69" />
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="70" />
        <source>Hourly</source>
        <translation>Valor-hora</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="72" />
        <source>From</source>
        <translation>A partir de</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="76" />
        <source>Index</source>
        <translation>Índice</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="78" />
        <source>Percent</source>
        <translation>Percentual</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="83" />
        <source>Who</source>
        <translation>Quem</translation>
    </message>
    <message>
        <location filename="../../ui/billing/rates_dialog.py" line="84" />
        <source>When</source>
        <translation>Quando</translation>
    </message>
</context>
<context>
    <name>ReminderNotifier</name>
    <message numerus="yes">
        <location filename="../../ui/consultant/reminders.py" line="68" />
        <source>Timer running for %n hours</source>
        <translation>
            <numerusform>Cronômetro rodando há %n hora</numerusform>
            <numerusform>Cronômetro rodando há %n horas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/consultant/reminders.py" line="70" />
        <source>The timer on {0} is still running. Was it left on? Stop it or fix the session.</source>
        <translation>O cronômetro de {0} continua rodando. Ficou ligado por engano? Pare-o ou corrija a sessão.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/consultant/reminders.py" line="76" />
        <source>Not synced for %n days</source>
        <translation>
            <numerusform>Sem sincronizar há %n dia</numerusform>
            <numerusform>Sem sincronizar há %n dias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/consultant/reminders.py" line="78" />
        <source>Some sessions have waited %n days for the central export. Sync when the share is reachable (Ctrl+Shift+S).</source>
        <translation>
            <numerusform>Há sessões esperando há %n dia pela exportação central. Sincronize quando a pasta compartilhada estiver acessível (Ctrl+Shift+S).</numerusform>
            <numerusform>Há sessões esperando há %n dias pela exportação central. Sincronize quando a pasta compartilhada estiver acessível (Ctrl+Shift+S).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/consultant/reminders.py" line="85" />
        <source>No timer running</source>
        <translation>Nenhum cronômetro rodando</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/reminders.py" line="86" />
        <source>You are in working hours and no timer is running.</source>
        <translation>Você está no horário de trabalho e nenhum cronômetro está rodando.</translation>
    </message>
</context>
<context>
    <name>RestoreFileDialog</name>
    <message>
        <location filename="../../ui/consultant/backups.py" line="44" />
        <source>Restore the database from</source>
        <translation>Restaurar o banco de dados a partir de</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/backups.py" line="52" />
        <source>Restore a backup</source>
        <translation>Restaurar um backup</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/backups.py" line="53" />
        <source>Put {0} in place of the current database?

The current database is kept next to it, as tracker.db.before-restore-….</source>
        <translation>Colocar {0} no lugar do banco de dados atual?

O banco de dados atual é guardado ao lado, como tracker.db.before-restore-….</translation>
    </message>
</context>
<context>
    <name>ReturnedDaysBanner</name>
    <message>
        <location filename="../../ui/consultant/returned_banner.py" line="73" />
        <source>Day {0}: {1}</source>
        <translation>Dia {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/returned_banner.py" line="75" />
        <source>(+{0} more)</source>
        <translation>(+{0})</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/returned_banner.py" line="77" />
        <source>Open {0}</source>
        <translation>Abrir {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/returned_banner.py" line="82" />
        <source>Your day {0} was returned by {1}: {2}</source>
        <translation>Seu dia {0} foi devolvido por {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/returned_banner.py" line="87" />
        <source>Also returned: {0}</source>
        <translation>Também devolvidos: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewBanner</name>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="145" />
        <source>Day returned by {0} on {1}: {2}</source>
        <translation>Dia devolvido por {0} em {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="151" />
        <source>Correct the sessions of this day; the next sync sends the changes.</source>
        <translation>Corrija as sessões deste dia; a próxima sincronização envia as alterações.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="153" />
        <source>Approved by {0} on {1}</source>
        <translation>Aprovado por {0} em {1}</translation>
    </message>
</context>
<context>
    <name>ReviewSessionsModel</name>
    <message>
        <location filename="../../ui/lead/review_sessions_model.py" line="55" />
        <source>Start</source>
        <translation>Início</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_sessions_model.py" line="61" />
        <source>End</source>
        <translation>Fim</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_sessions_model.py" line="66" />
        <source>Ticket</source>
        <translation>Chamado</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_sessions_model.py" line="67" />
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_sessions_model.py" line="69" />
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_sessions_model.py" line="75" />
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_sessions_model.py" line="81" />
        <source>Flags</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_sessions_model.py" line="87" />
        <source>Note</source>
        <translation>Observação</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../ui/lead/review_window.py" line="59" />
        <source>Sync now?</source>
        <translation>Sincronizar agora?</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="79" />
        <source>Day review</source>
        <translation>Revisão do dia</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="116" />
        <source>Day:</source>
        <translation>Dia:</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="118" />
        <source>Consultant:</source>
        <translation>Consultor(a):</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="122" />
        <location filename="../../ui/lead/review_window.py" line="123" />
        <location filename="../../ui/lead/review_window.py" line="183" />
        <source>All consultants</source>
        <translation>Todos os consultores</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="128" />
        <source>Reload</source>
        <translation>Recarregar</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="128" />
        <source>Read the central export again</source>
        <translation>Ler novamente a exportação central</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="164" />
        <source>This app's role is {role}: you can look at the day, but only a team lead approves or returns it.</source>
        <translation>O papel deste aplicativo é {role}: você pode ver o dia, mas só um líder pode aprová-lo ou devolvê-lo.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="171" />
        <source>consultant</source>
        <translation>consultor(a)</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="171" />
        <source>lead</source>
        <translation>líder</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="171" />
        <source>billing</source>
        <translation>faturamento</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="188" />
        <source>Reading the central export…</source>
        <translation>Lendo a exportação central…</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="209" />
        <source>The day could not be read: {error}</source>
        <translation>Não foi possível ler o dia: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="233" />
        <source>{day}: {people} consultants, {sessions} sessions</source>
        <translation>{day}: {people} consultores, {sessions} sessões</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="243" />
        <source>Problems in the export: {problems}</source>
        <translation>Problemas na exportação: {problems}</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="293" />
        <source>Comment</source>
        <translation>Comentário</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="294" />
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="295" />
        <source>Consultant</source>
        <translation>Consultor(a)</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="296" />
        <source>Role</source>
        <translation>Papel</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="316" />
        <source>approved</source>
        <translation>aprovado</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="316" />
        <source>returned</source>
        <translation>devolvido</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="320" />
        <source>{who}'s day was {done}. The decision reaches the consultant with the next sync. Sync now?</source>
        <translation>O dia de {who} foi {done}. A decisão chega ao consultor na próxima sincronização. Sincronizar agora?</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="327" />
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="337" />
        <source>Synced: {0} batch written to the export.</source>
        <translation>Sincronizado: {0} lote gravado na exportação.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="338" />
        <source>Synced: {0} batches written to the export.</source>
        <translation>Sincronizado: {0} lotes gravados na exportação.</translation>
    </message>
    <message>
        <location filename="../../ui/lead/review_window.py" line="346" />
        <source>Sync failed; the decision stays queued: {error}</source>
        <translation>A sincronização falhou; a decisão continua na fila: {error}</translation>
    </message>
</context>
<context>
    <name>RoleMenus</name>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="97" />
        <source>&amp;Review</source>
        <translation>&amp;Revisão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="98" />
        <source>&amp;Day review…</source>
        <translation>Revisão do &amp;dia…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="100" />
        <source>&amp;Billing</source>
        <translation>&amp;Faturamento</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="101" />
        <source>&amp;Monthly statement…</source>
        <translation>&amp;Extrato mensal…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="102" />
        <source>Hourly &amp;rates…</source>
        <translation>&amp;Tarifas por hora…</translation>
    </message>
</context>
<context>
    <name>RoleWindows</name>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="54" />
        <location filename="../../ui/consultant/window_menus.py" line="85" />
        <source>This window is not available: {0}</source>
        <translation>Esta janela não está disponível: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/window_menus.py" line="71" />
        <source>Week</source>
        <translation>Semana</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="90" />
        <source>&amp;Add session…</source>
        <translation>&amp;Adicionar sessão…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="97" />
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="99" />
        <source>S&amp;plit…</source>
        <translation>&amp;Dividir…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="101" />
        <source>&amp;Delete…</source>
        <translation>E&amp;xcluir…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="103" />
        <source>&amp;History…</source>
        <translation>&amp;Histórico…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="105" />
        <source>Add a session you did not time to the day shown (Ctrl+Shift+N)</source>
        <translation>Adicionar ao dia exibido uma sessão que você não cronometrou (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="106" />
        <source>Change the start, end, ticket or note of the selected session (Enter)</source>
        <translation>Alterar início, fim, chamado ou observação da sessão selecionada (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="107" />
        <source>Split the selected session in two at a time inside it (Ctrl+T)</source>
        <translation>Dividir a sessão selecionada em duas, num horário dentro dela (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="108" />
        <source>Delete the selected session; its history keeps it (Delete)</source>
        <translation>Excluir a sessão selecionada; o histórico a guarda (Delete)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="109" />
        <source>Every revision of the selected session: who, when, why (Ctrl+H)</source>
        <translation>Todas as versões da sessão selecionada: quem, quando, por quê (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="194" />
        <source>The running timer: stop it first to edit its session.</source>
        <translation>É o cronômetro em andamento: pare-o antes de editar a sessão.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="197" />
        <source>Ticket {0} is finalized; its sessions can no longer change.</source>
        <translation>O chamado {0} está finalizado; as sessões dele não podem mais mudar.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="222" />
        <source>Pick a stored session in the table first</source>
        <translation>Escolha primeiro uma sessão gravada na tabela</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="239" />
        <source>note changed in the table</source>
        <translation>observação alterada na tabela</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="247" />
        <source>Note changed: {0}</source>
        <translation>Observação alterada: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="261" />
        <source>Added the session {0}</source>
        <translation>Sessão adicionada: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="276" />
        <source>Changed the session {0}</source>
        <translation>Sessão alterada: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="286" />
        <source>Split at {0}</source>
        <translation>Dividida às {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="295" />
        <source>Deleted the session {0}</source>
        <translation>Sessão excluída: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_actions.py" line="307" />
        <source>History — {0}</source>
        <translation>Histórico — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="30" />
        <source>{0}–{1} on {2} ({3})</source>
        <translation>{0}–{1} em {2} ({3})</translation>
    </message>
</context>
<context>
    <name>SessionsModel</name>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="71" />
        <source>Start</source>
        <translation>Início</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="76" />
        <source>End</source>
        <translation>Fim</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="77" />
        <source>Ticket</source>
        <translation>Chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="79" />
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="85" />
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="90" />
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="92" />
        <source>Flags</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="100" />
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="270" />
        <source>in the central export</source>
        <translation>na exportação central</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="270" />
        <source>not yet in the central export</source>
        <translation>ainda não está na exportação central</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="248" />
        <source>running</source>
        <translation>rodando</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sessions_model.py" line="269" />
        <source>still running: it is sent once stopped</source>
        <translation>ainda rodando: é enviada depois de parada</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="54" />
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="63" />
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="74" />
        <source>You</source>
        <translation>Você</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="79" />
        <source>Consultant</source>
        <translation>Consultor</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="80" />
        <source>Team lead</source>
        <translation>Líder de equipe</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="81" />
        <source>Billing</source>
        <translation>Faturamento</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="86" />
        <source>empty for the vendor's own staff</source>
        <translation>vazio para a equipe do próprio fornecedor</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="89" />
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="92" />
        <source>Login:</source>
        <translation>Login:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="93" />
        <source>Full name:</source>
        <translation>Nome completo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="94" />
        <source>Role:</source>
        <translation>Papel:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="95" />
        <source>Unit:</source>
        <translation>Unidade:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="96" />
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="99" />
        <source>Central store</source>
        <translation>Armazenamento central</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="101" />
        <source>Where your sessions are sent when you sync, and where leads and billing read them.</source>
        <translation>Para onde suas sessões são enviadas quando você sincroniza, e onde líderes e o faturamento as leem.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="106" />
        <source>Central store:</source>
        <translation>Armazenamento central:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="111" />
        <source>Work and reminders</source>
        <translation>Trabalho e lembretes</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="125" />
        <source>Products:</source>
        <translation>Produtos:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="127" />
        <source>others, separated by commas</source>
        <translation>outros, separados por vírgulas</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="135" />
        <source>to</source>
        <translation>às</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="138" />
        <source>Working hours:</source>
        <translation>Horário de trabalho:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="140" />
        <source>Working days:</source>
        <translation>Dias de trabalho:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="142" />
        <source>Closing the window leaves Tracker in the tray</source>
        <translation>Fechar a janela deixa o Tracker na bandeja</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="147" />
        <source>Mon</source>
        <translation>Seg</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="147" />
        <source>Tue</source>
        <translation>Ter</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="147" />
        <source>Wed</source>
        <translation>Qua</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="147" />
        <source>Thu</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="147" />
        <source>Fri</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="148" />
        <source>Sat</source>
        <translation>Sáb</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="148" />
        <source>Sun</source>
        <translation>Dom</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="163" />
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="163" />
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="163" />
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="170" />
        <source>Remind me of a timer running over:</source>
        <translation>Lembrar de cronômetro rodando há mais de:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="171" />
        <source>Remind me of sessions not synced for:</source>
        <translation>Lembrar de sessões sem sincronizar há:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="172" />
        <source>Ask about idle time over:</source>
        <translation>Perguntar sobre ausência de mais de:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="173" />
        <source>Flag sessions longer than:</source>
        <translation>Alertar sessões mais longas que:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="176" />
        <source>A pause of the app longer than this is a sleep gap:</source>
        <translation>Pausa do aplicativo maior que isto é suspensão:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/settings_dialog.py" line="215" />
        <source>is empty; tick at least one day</source>
        <translation>está vazio; marque pelo menos um dia</translation>
    </message>
</context>
<context>
    <name>SkippedModel</name>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="88" />
        <source>Line</source>
        <translation>Linha</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="89" />
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="90" />
        <source>Time</source>
        <translation>Horário</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="91" />
        <source>Project / tags</source>
        <translation>Projeto / tags</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="93" />
        <source>Why it is left out</source>
        <translation>Por que foi ignorado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="81" />
        <source>its project and tags are not mapped to a ticket</source>
        <translation>o projeto e as tags não estão mapeados para um chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_models.py" line="83" />
        <source>it ends before it starts</source>
        <translation>termina antes de começar</translation>
    </message>
</context>
<context>
    <name>SleepGapDialog</name>
    <message>
        <location filename="../../ui/consultant/sleep_gap.py" line="23" />
        <source>The timer ran while the computer slept</source>
        <translation>O cronômetro rodou enquanto o computador estava suspenso</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sleep_gap.py" line="25" />
        <source>The computer was asleep (or the app was stopped) from {0} to {1} while the timer on {2} ran ({3}).</source>
        <translation>O computador ficou suspenso (ou o aplicativo parado) das {0} às {1} enquanto o cronômetro de {2} rodava ({3}).</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sleep_gap.py" line="29" />
        <source>Keep the time: the timer runs on, flagged for review.
Discard the gap: the session ends at {0} and a new one starts now.
Split at the gap: as Discard, and the gap is kept as its own session, flagged.</source>
        <translation>Manter o tempo: o cronômetro continua, marcado para revisão.
Descartar o intervalo: a sessão termina às {0} e uma nova começa agora.
Dividir no intervalo: como Descartar, e o intervalo fica como uma sessão própria, com alerta.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sleep_gap.py" line="33" />
        <source>Keep the time</source>
        <translation>Manter o tempo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sleep_gap.py" line="33" />
        <source>Discard the gap</source>
        <translation>Descartar o intervalo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sleep_gap.py" line="33" />
        <source>Split at the gap</source>
        <translation>Dividir no intervalo</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="128" />
        <source>Where is your time now?</source>
        <translation>Onde estão suas horas hoje?</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="131" />
        <source>Choose the export of your old time tracker. Nothing is written until you press Import on the last page.</source>
        <translation>Escolha a exportação do seu antigo controle de horas. Nada é gravado até você clicar em Importar na última página.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="136" />
        <source>Toggl Track — detailed report (CSV)</source>
        <translation>Toggl Track — relatório detalhado (CSV)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="137" />
        <source>Clockify — detailed report (CSV)</source>
        <translation>Clockify — relatório detalhado (CSV)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="138" />
        <source>Watson — frames file</source>
        <translation>Watson — arquivo frames</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="140" />
        <source>The exported file</source>
        <translation>O arquivo exportado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="141" />
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="149" />
        <source>The time zone the times in the file were written in</source>
        <translation>O fuso horário em que os horários do arquivo foram gravados</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="150" />
        <source>Dates are dd/mm/yyyy</source>
        <translation>Datas no formato dd/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="152" />
        <source>Tick it when the export writes 02/11/2026 for 2 November (a Brazilian locale).</source>
        <translation>Marque quando a exportação escreve 02/11/2026 para 2 de novembro (configuração brasileira).</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="156" />
        <source>Source:</source>
        <translation>Origem:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="157" />
        <source>File:</source>
        <translation>Arquivo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="158" />
        <source>Time zone:</source>
        <translation>Fuso horário:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="174" />
        <source>Toggl Track CSV (*.csv);;All files (*)</source>
        <translation>CSV do Toggl Track (*.csv);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="175" />
        <source>Clockify CSV (*.csv);;All files (*)</source>
        <translation>CSV do Clockify (*.csv);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="176" />
        <source>Watson frames (frames);;All files (*)</source>
        <translation>Frames do Watson (frames);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="179" />
        <source>Choose the file to move in from</source>
        <translation>Escolha o arquivo a importar</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/import_pages.py" line="218" />
        <source>{path} has no time entries.</source>
        <translation>{path} não tem lançamentos de horas.</translation>
    </message>
</context>
<context>
    <name>SplitSessionDialog</name>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="198" />
        <source>Split session</source>
        <translation>Dividir sessão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="205" />
        <source>The total time stays the same.</source>
        <translation>O tempo total continua o mesmo.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="201" />
        <source>Split {0} into two sessions that meet at the time below.</source>
        <translation>Dividir {0} em duas sessões que se encontram no horário abaixo.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="212" />
        <source>required: why it is split (kept in the history)</source>
        <translation>obrigatório: por que é dividida (fica no histórico)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="213" />
        <source>Split at:</source>
        <translation>Dividir às:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="214" />
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="215" />
        <source>Split</source>
        <translation>Dividir</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/session_dialogs.py" line="220" />
        <source>is empty; say why the session is split</source>
        <translation>está vazio; diga por que a sessão é dividida</translation>
    </message>
</context>
<context>
    <name>StatementModel</name>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="80" />
        <source>Ticket</source>
        <translation>Chamado</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="82" />
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="84" />
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="85" />
        <source>Bill to</source>
        <translation>Faturar para</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="86" />
        <source>Consultants</source>
        <translation>Consultores</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="88" />
        <source>Billable min</source>
        <translation>Min faturáveis</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="95" />
        <source>Rate/h</source>
        <translation>Valor/h</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="102" />
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="109" />
        <source>Waived</source>
        <translation>Abonado</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="111" />
        <source>Held</source>
        <translation>Retido</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="119" />
        <source>Why held</source>
        <translation>Motivo da retenção</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="126" />
        <source>Rate / rules</source>
        <translation>Tarifa / regras</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="182" />
        <source>No hourly rate.</source>
        <translation>Sem tarifa por hora.</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="184" />
        <source>Hourly rate version {rate}, in force from {since}.</source>
        <translation>Tarifa por hora versão {rate}, em vigor desde {since}.</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="187" />
        <source>Billing rules version {policy} of {type}.</source>
        <translation>Regras de cobrança versão {policy} de {type}.</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="146" />
        <source>unit {code}</source>
        <translation>unidade {code}</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="159" />
        <source>HELD</source>
        <translation>RETIDO</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="159" />
        <location filename="../../ui/billing/statement_models.py" line="162" />
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="162" />
        <source>yes — {ref}</source>
        <translation>sim — {ref}</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="170" />
        <source>Held back from the totals: {reason}</source>
        <translation>Fora dos totais (retido): {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="175" />
        <source>Waived: defect {ref} was not yet published</source>
        <translation>Abonado: o defeito {ref} ainda não estava publicado</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="42" />
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar agora</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="44" />
        <source>Send what is pending to the central export (Ctrl+Shift+S)</source>
        <translation>Enviar o que está pendente para a exportação central (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="68" />
        <source>Checking the database…</source>
        <translation>Verificando o banco de dados…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="71" />
        <source>A sync is running already</source>
        <translation>Já há uma sincronização em andamento</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="100" />
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="117" />
        <source>Syncing… {0} of {1}</source>
        <translation>Sincronizando… {0} de {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="138" />
        <source>Sync failed: {0}</source>
        <translation>A sincronização falhou: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="143" />
        <source>Synced: {0} and {1} sent; {2} pending</source>
        <translation>Sincronizado: {0} e {1} enviados; pendentes: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="144" />
        <source>{0} session</source>
        <translation>{0} sessão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="144" />
        <source>{0} sessions</source>
        <translation>{0} sessões</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="145" />
        <source>{0} ticket event</source>
        <translation>{0} evento de chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_controller.py" line="145" />
        <source>{0} ticket events</source>
        <translation>{0} eventos de chamado</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="50" />
        <source>Sync: reading…</source>
        <translation>Sincronização: lendo…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="71" />
        <source>Last sync {0}</source>
        <translation>Última sincronização {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="71" />
        <source>Never synced</source>
        <translation>Nunca sincronizado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="72" />
        <source>{0} · {1} pending</source>
        <translation>{0} · pendentes: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="75" />
        <source>{0} session</source>
        <translation>{0} sessão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="75" />
        <source>{0} sessions</source>
        <translation>{0} sessões</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="76" />
        <source>{0} ticket event</source>
        <translation>{0} evento de chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="76" />
        <source>{0} ticket events</source>
        <translation>{0} eventos de chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="80" />
        <source>{0} review decision</source>
        <translation>{0} decisão de revisão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="80" />
        <source>{0} review decisions</source>
        <translation>{0} decisões de revisão</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="83" />
        <source>Waiting for the central export: {0}
Export folder: {1}</source>
        <translation>Aguardando a exportação central: {0}
Pasta de exportação: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="95" />
        <source>Sync failed: {0}</source>
        <translation>A sincronização falhou: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="104" />
        <source>Checking the database…</source>
        <translation>Verificando o banco de dados…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/sync_status.py" line="110" />
        <source>Sending {0} of {1}</source>
        <translation>Enviando {0} de {1}</translation>
    </message>
</context>
<context>
    <name>TicketChooser</name>
    <message>
        <location filename="../../ui/consultant/ticket_chooser.py" line="52" />
        <source>Which ticket?</source>
        <translation>Qual chamado?</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_chooser.py" line="56" />
        <source>Open tickets matching “{0}”: pick the one to start.</source>
        <translation>Chamados abertos que correspondem a “{0}”: escolha o que iniciar.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_chooser.py" line="68" />
        <source>Start</source>
        <translation>Início</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_chooser.py" line="69" />
        <source>New ticket…</source>
        <translation>Novo chamado…</translation>
    </message>
</context>
<context>
    <name>TicketPanel</name>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="106" />
        <source>Ticket:</source>
        <translation>Chamado:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="116" />
        <source>type a number or a customer</source>
        <translation>digite um número ou um cliente</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="127" />
        <source>New ticket…</source>
        <translation>Novo chamado…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="132" />
        <location filename="../../ui/consultant/ticket_panel.py" line="367" />
        <source>Selected ticket</source>
        <translation>Chamado selecionado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="149" />
        <source>Customer:</source>
        <translation>Cliente:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="150" />
        <source>Type:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="151" />
        <source>Term:</source>
        <translation>Termo:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="152" />
        <source>Bill to:</source>
        <translation>Faturar para:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="153" />
        <source>State:</source>
        <translation>Situação:</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="155" />
        <source>Accept term…</source>
        <translation>Aceite do termo…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="156" />
        <source>Flag defect…</source>
        <translation>Registrar defeito…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="157" />
        <source>Escalate…</source>
        <translation>Escalar…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="158" />
        <source>Finalize…</source>
        <translation>Finalizar…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="307" />
        <source>No ticket {0} yet: Start offers the open tickets that match it, or a new one.</source>
        <translation>Ainda não há chamado {0}: Iniciar oferece os chamados abertos que correspondem, ou um novo.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="351" />
        <source>product</source>
        <translation>produto</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="351" />
        <source>documentation</source>
        <translation>documentação</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="95" />
        <source>Term accepted</source>
        <translation>Termo aceito</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="96" />
        <source>Defect flagged</source>
        <translation>Defeito registrado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="98" />
        <source>Escalated to support</source>
        <translation>Escalado para suporte</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="100" />
        <source>Finalized</source>
        <translation>Finalizado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="304" />
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="310" />
        <source>Pick a ticket above, or add one with New ticket…</source>
        <translation>Escolha um chamado acima ou cadastre um com Novo chamado…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="320" />
        <source>Ticket {0}</source>
        <translation>Chamado {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="325" />
        <source> (escalated from standard)</source>
        <translation> (escalado do Suporte Padrão)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="327" />
        <source>Scope: {0}</source>
        <translation>Escopo: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="330" />
        <source>not needed: standard support is never billed</source>
        <translation>não é necessário: Suporte Padrão nunca é faturado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="333" />
        <source>no term accepted — billable time held</source>
        <translation>sem aceite do termo — tempo faturável retido</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="337" />
        <source>accepted on {0}</source>
        <translation>aceito em {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="342" />
        <source>unit {0}</source>
        <translation>unidade {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="344" />
        <source>the customer</source>
        <translation>o cliente</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="347" />
        <source>finalized on {0}</source>
        <translation>finalizado em {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="349" />
        <source>open</source>
        <translation>aberto</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="354" />
        <source>{0} defect: {1}</source>
        <translation>{0} defeito: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="354" />
        <source>{0} defects: {1}</source>
        <translation>{0} defeitos: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/ticket_panel.py" line="389" />
        <source>Ticket {0} added</source>
        <translation>Chamado {0} cadastrado</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../ui/lead/timeline.py" line="95" />
        <source>Timeline of the day</source>
        <translation>Linha do tempo do dia</translation>
    </message>
    <message>
        <location filename="../../ui/lead/timeline.py" line="178" />
        <source>Ticket {ticket} — {customer}</source>
        <translation>Chamado {ticket} — {customer}</translation>
    </message>
    <message>
        <location filename="../../ui/lead/timeline.py" line="179" />
        <source>{type}: {start}–{end} ({duration})</source>
        <translation>{type}: {start}–{end} ({duration})</translation>
    </message>
    <message>
        <location filename="../../ui/lead/timeline.py" line="187" />
        <source>Flagged: {flags}</source>
        <translation>Alertas: {flags}</translation>
    </message>
    <message>
        <location filename="../../ui/lead/timeline.py" line="247" />
        <source>No sessions in the export for this day</source>
        <translation>Nenhuma sessão na exportação para este dia</translation>
    </message>
    <message>
        <location filename="../../ui/lead/timeline.py" line="269" />
        <source>Flagged</source>
        <translation>Com alerta</translation>
    </message>
</context>
<context>
    <name>TimerBar</name>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="66" />
        <source>Note for the session (optional)</source>
        <translation>Observação da sessão (opcional)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="99" />
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="119" />
        <source>▶  Start</source>
        <translation>▶  Iniciar</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="122" />
        <source>No timer running.</source>
        <translation>Nenhum cronômetro rodando.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="127" />
        <source>Running on {0}{1}
since {2}</source>
        <translation>Rodando em {0}{1}
desde {2}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="134" />
        <source>▶  Switch to {0}</source>
        <translation>▶  Trocar para {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="138" />
        <source>■  Stop</source>
        <translation>■  Parar</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="151" />
        <source>Ticket {0} was finalized on {1}: its time can no longer change. Pick another ticket.</source>
        <translation>O chamado {0} foi finalizado em {1}: seu tempo não pode mais mudar. Escolha outro chamado.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="162" />
        <source>Type the note for the next session you start; it is saved when you press Start.</source>
        <translation>Digite a observação da próxima sessão que iniciar; ela é salva quando você clicar em Iniciar.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="165" />
        <source>Type the note for the session on {0}; it is saved when you stop or switch.</source>
        <translation>Digite a observação da sessão em {0}; ela é salva quando você parar ou trocar.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="218" />
        <source>Stopped {0} after {1}; started {2}</source>
        <translation>Parado {0} após {1}; iniciado {2}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="222" />
        <source>Started {0}</source>
        <translation>Iniciado {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/timer_bar.py" line="237" />
        <source>Stopped {0} after {1}</source>
        <translation>Parado {0} após {1}</translation>
    </message>
</context>
<context>
    <name>TotalsModel</name>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="245" />
        <source>Bill to</source>
        <translation>Faturar para</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="246" />
        <source>Party</source>
        <translation>Cliente/unidade</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="247" />
        <source>Lines</source>
        <translation>Linhas</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="249" />
        <source>Billable min</source>
        <translation>Min faturáveis</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="251" />
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="245" />
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="274" />
        <source>unit</source>
        <translation>unidade</translation>
    </message>
    <message>
        <location filename="../../ui/billing/statement_models.py" line="274" />
        <source>customer</source>
        <translation>cliente</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../../ui/consultant/tray.py" line="90" />
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/tray.py" line="92" />
        <source>Show window</source>
        <translation>Mostrar janela</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/tray.py" line="94" />
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/tray.py" line="120" />
        <source>No timer running</source>
        <translation>Nenhum cronômetro rodando</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/tray.py" line="170" />
        <source>Start a timer on {0}</source>
        <translation>Iniciar um cronômetro em {0}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/tray.py" line="175" />
        <source>No open tickets</source>
        <translation>Nenhum chamado aberto</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/tray.py" line="191" />
        <source>The timer did not start</source>
        <translation>O cronômetro não iniciou</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/tray.py" line="201" />
        <source>The timer did not stop</source>
        <translation>O cronômetro não parou</translation>
    </message>
</context>
<context>
    <name>WeekChart</name>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="67" />
        <source>Hours per day of the week</source>
        <translation>Horas por dia da semana</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="165" />
        <source>{weekday} {date}</source>
        <translation>{weekday} {date}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="168" />
        <source>{type}: {time} ({kind})</source>
        <translation>{type}: {time} ({kind})</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="173" />
        <source>Day total: {time}</source>
        <translation>Total do dia: {time}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="176" />
        <source>Estimated amount of the day: {amount}</source>
        <translation>Valor estimado do dia: {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="217" />
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="226" />
        <source>No sessions recorded this week</source>
        <translation>Nenhuma sessão registrada nesta semana</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="292" />
        <source>Export week as PDF</source>
        <translation>Exportar a semana em PDF</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="294" />
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="313" />
        <source>My week</source>
        <translation>Minha semana</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="315" />
        <source>◀ Previous week</source>
        <translation>◀ Semana anterior</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="316" />
        <source>Next week ▶</source>
        <translation>Próxima semana ▶</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="317" />
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="321" />
        <source>A day of the week to show</source>
        <translation>Um dia da semana a exibir</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="326" />
        <source>Export week as PDF…</source>
        <translation>Exportar a semana em PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="410" />
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="416" />
        <source>Recorded: &lt;b&gt;{time}&lt;/b&gt;</source>
        <translation>Registrado: &lt;b&gt;{time}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="417" />
        <source>Billable: &lt;b&gt;{time}&lt;/b&gt;</source>
        <translation>Faturável: &lt;b&gt;{time}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="418" />
        <source>Standard: &lt;b&gt;{time}&lt;/b&gt;</source>
        <translation>Padrão: &lt;b&gt;{time}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="421" />
        <source>Estimated amount: —</source>
        <translation>Valor estimado: —</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="422" />
        <source>No hourly rate is known for this week's billable time.</source>
        <translation>Não há valor-hora conhecido para o tempo faturável desta semana.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="425" />
        <source>Estimated amount: &lt;b&gt;{amount}&lt;/b&gt;</source>
        <translation>Valor estimado: &lt;b&gt;{amount}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="429" />
        <source>From this computer's rates; the statement prices each atendimento when its ticket is finalized.</source>
        <translation>Pelas tarifas deste computador; o extrato calcula o valor de cada atendimento quando o chamado é finalizado.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="452" />
        <source>{path} was not written: {error}</source>
        <translation>{path} não foi gravado: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/week_view.py" line="457" />
        <source>Exported the week {span} to {path}</source>
        <translation>Semana {span} exportada para {path}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="53" />
        <source>Tracker cannot start.

{0}</source>
        <translation>O Tracker não pode iniciar.

{0}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="54" />
        <location filename="../../ui/app.py" line="91" />
        <location filename="../../ui/app.py" line="172" />
        <source>Tracker</source>
        <translation>Tracker</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="89" />
        <source>Tracker is already open (process {0})</source>
        <translation>O Tracker já está aberto (processo {0})</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="146" />
        <source>cannot open the data folder {0}: the lock file {1} cannot be created. Check that the folder exists and that you may write to it, or set TRACKER_HOME.</source>
        <translation>não é possível abrir a pasta de dados {0}: o arquivo de trava {1} não pode ser criado. Verifique se a pasta existe e se você tem permissão de escrita nela, ou defina TRACKER_HOME.</translation>
    </message>
</context>
<context>
    <name>fmt</name>
    <message>
        <location filename="../../ui/common/fmt.py" line="19" />
        <source>Technical</source>
        <translation>Técnica</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="20" />
        <source>Support</source>
        <translation>Suporte</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="21" />
        <source>Standard</source>
        <translation>Padrão</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="24" />
        <source>one-off questions</source>
        <translation>dúvidas pontuais</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="25" />
        <source>following configuration and runs of standard routines</source>
        <translation>acompanhamento de configuração e execução de rotinas padrão</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="26" />
        <source>product or environment update</source>
        <translation>atualização de produto ou ambiente</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="27" />
        <source>urgent priority service</source>
        <translation>atendimento com prioridade urgente</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="28" />
        <source>no IT staff at the customer</source>
        <translation>cliente sem equipe de TI</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="29" />
        <source>functions never deployed before</source>
        <translation>funcionalidades nunca implantadas</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="30" />
        <source>product problems</source>
        <translation>problemas no produto</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="31" />
        <source>issue not reproduced by standard support</source>
        <translation>problema não reproduzido pelo Suporte Padrão</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="32" />
        <source>only reproduced with certain records</source>
        <translation>reproduzido somente com determinados registros</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="33" />
        <source>customised data dictionary</source>
        <translation>dicionário de dados customizado</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="34" />
        <source>support's procedures were done without success</source>
        <translation>procedimentos do suporte realizados sem sucesso</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="37" />
        <source>support's procedures were done</source>
        <translation>os procedimentos do suporte foram realizados</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="38" />
        <source>the documentation was checked</source>
        <translation>a documentação foi consultada</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="39" />
        <source>reproduced in an updated test environment</source>
        <translation>reproduzido em ambiente de testes atualizado</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="120" />
        <source>overlap</source>
        <translation>sobreposição</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="121" />
        <source>long</source>
        <translation>longa</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="122" />
        <source>across midnight</source>
        <translation>passa da meia-noite</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="123" />
        <source>sleep gap</source>
        <translation>suspensão</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="124" />
        <source>clock jump</source>
        <translation>salto do relógio</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="125" />
        <source>idle</source>
        <translation>ausência</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="126" />
        <source>conflicting copies</source>
        <translation>cópias divergentes</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="127" />
        <source>no term acceptance</source>
        <translation>sem aceite do termo</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="128" />
        <source>ticket details differ</source>
        <translation>dados do chamado divergem</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="131" />
        <source>Overlap: it overlaps another session of the same consultant; keep only the time really worked.</source>
        <translation>Sobreposição: ela se sobrepõe a outra sessão do mesmo consultor; mantenha só o tempo realmente trabalhado.</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="147" />
        <source>Idle: away from the keyboard and mouse while the timer ran; kept as a session of its own.</source>
        <translation>Ausência: longe do teclado e do mouse enquanto o cronômetro rodava; mantida como uma sessão própria.</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="150" />
        <source>Conflicting copies: the export holds two different copies of this session; the first read is shown.</source>
        <translation>Cópias divergentes: a exportação tem duas cópias diferentes desta sessão; é exibida a primeira lida.</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="154" />
        <source>No term acceptance: a billed ticket the customer has not accepted; its time is held from billing.</source>
        <translation>Sem aceite do termo: chamado faturável que o cliente não aceitou; o tempo fica retido do faturamento.</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="158" />
        <source>Ticket details differ: consultants recorded different details (customer, type…) for this ticket.</source>
        <translation>Dados do chamado divergem: consultores registraram dados diferentes (cliente, tipo…) para este chamado.</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="135" />
        <source>Long: longer than the usual limit for one session; was the timer left running?</source>
        <translation>Longa: mais longa que o limite usual de uma sessão; o cronômetro ficou ligado?</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="138" />
        <source>Across midnight: it runs into the next day; was the timer left on overnight?</source>
        <translation>Passa da meia-noite: entra no dia seguinte; o cronômetro ficou ligado durante a noite?</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="141" />
        <source>Sleep gap: the computer was asleep (or the app was stopped) while the timer ran.</source>
        <translation>Suspensão: o computador estava suspenso (ou o aplicativo parado) enquanto o cronômetro rodava.</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="144" />
        <source>Clock jump: the computer's clock went backwards while it ran; check the times.</source>
        <translation>Salto do relógio: o relógio do computador voltou enquanto ela rodava; confira os horários.</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="184" />
        <source>Ticket details differ: consultants recorded this ticket differently: {0}.</source>
        <translation>Dados do chamado divergem: os consultores registraram este chamado de formas diferentes: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="191" />
        <source>no term acceptance recorded; record it with tracker ticket accept-term</source>
        <translation>sem aceite do termo registrado; registre com tracker ticket accept-term</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="194" />
        <source>no {0} rate in force on {1}; set one with tracker rates set</source>
        <translation>nenhuma tarifa de {0} vigente em {1}; defina uma com tracker rates set</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="195" />
        <source>the central export holds two versions of a record of this line; settle it (tracker central log lists the conflicts)</source>
        <translation>a exportação central tem duas versões de um registro desta linha; resolva (tracker central log lista os conflitos)</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="200" />
        <source>consultants recorded the ticket differently ({0}: {1}); settle it before billing</source>
        <translation>os consultores registraram o chamado de formas diferentes ({0}: {1}); acerte antes de faturar</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="206" />
        <source>customer</source>
        <translation>cliente</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="207" />
        <source>type</source>
        <translation>tipo</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="208" />
        <source>unit billed</source>
        <translation>unidade faturada</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="209" />
        <source>authorization</source>
        <translation>autorização</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="210" />
        <source>cost center</source>
        <translation>centro de custo</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="211" />
        <source>value class</source>
        <translation>classe de valor</translation>
    </message>
    <message>
        <location filename="../../ui/common/fmt.py" line="212" />
        <source>accounting item</source>
        <translation>item contábil</translation>
    </message>
</context>
<context>
    <name>report_pdf</name>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="93" />
        <source>Weekly report — {consultant}</source>
        <translation>Relatório semanal — {consultant}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="94" />
        <source>Week {span}</source>
        <translation>Semana {span}</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="148" />
        <location filename="../../ui/consultant/report_pdf.py" line="177" />
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="152" />
        <location filename="../../ui/consultant/report_pdf.py" line="193" />
        <source>Ticket</source>
        <translation>Chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="128" />
        <location filename="../../ui/consultant/report_pdf.py" line="179" />
        <source>Estimated amount</source>
        <translation>Valor estimado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="123" />
        <source>Recorded</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="124" />
        <source>Billable (technical + support)</source>
        <translation>Faturável (técnica + suporte)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="125" />
        <source>Standard support (not billed)</source>
        <translation>Suporte Padrão (não faturado)</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="99" />
        <source>Sessions per ticket</source>
        <translation>Sessões por chamado</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="153" />
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="154" />
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="155" />
        <source>Sessions</source>
        <translation>Sessões</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="156" />
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="137" />
        <source>No sessions were recorded this week.</source>
        <translation>Nenhuma sessão foi registrada nesta semana.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="101" />
        <source>Hours per day</source>
        <translation>Horas por dia</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="173" />
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="176" />
        <source>Day</source>
        <translation>Dia</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="103" />
        <source>Defects flagged</source>
        <translation>Defeitos registrados</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="188" />
        <source>product</source>
        <translation>produto</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="189" />
        <source>documentation</source>
        <translation>documentação</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="194" />
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="195" />
        <source>Reference</source>
        <translation>Referência</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="196" />
        <source>Note</source>
        <translation>Observação</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="186" />
        <source>No defects were flagged this week.</source>
        <translation>Nenhum defeito foi registrado nesta semana.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="110" />
        <source>Amounts are an estimate from this computer's hourly rates; the billing statement prices each atendimento when its ticket is finalized.</source>
        <translation>Os valores são uma estimativa pelas tarifas deste computador; o extrato de faturamento calcula o valor de cada atendimento quando o chamado é finalizado.</translation>
    </message>
    <message>
        <location filename="../../ui/consultant/report_pdf.py" line="216" />
        <source>Weekly report — {consultant} — {span}</source>
        <translation>Relatório semanal — {consultant} — {span}</translation>
    </message>
</context>
</TS>