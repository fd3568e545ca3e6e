<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="180"/>
        <source>Caller-ID listener on port {0}</source>
        <translation>来电号码接口已在端口 {0} 监听</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="184"/>
        <source>Caller-ID listener not started: {0}</source>
        <translation>来电号码接口未启动：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="158"/>
        <source>Signed in offline: the password was checked on this computer.</source>
        <translation>已离线登录：密码在本机核验。</translation>
    </message>
</context>
<context>
    <name>AssistPicker</name>
    <message>
        <location filename="../../ui/unit_picker.py" line="67"/>
        <source>Assisting departments</source>
        <translation>协办单位</translation>
    </message>
    <message>
        <location filename="../../ui/unit_picker.py" line="70"/>
        <location filename="../../ui/unit_picker.py" line="72"/>
        <source>Show all units</source>
        <translation>显示全部单位</translation>
    </message>
    <message>
        <location filename="../../ui/unit_picker.py" line="73"/>
        <source>List every unit, not only those the responsibility list suggests</source>
        <translation>列出全部单位，而不只是职责清单建议的单位</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <location filename="../../ui/attachments_strip.py" line="85"/>
        <location filename="../../ui/attachments_strip.py" line="248"/>
        <location filename="../../ui/attachments_strip.py" line="251"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="99"/>
        <source>Attachments ({0})</source>
        <translation>附件（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="100"/>
        <source>Attachments: none yet</source>
        <translation>附件：暂无</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="121"/>
        <location filename="../../ui/attachments_strip.py" line="124"/>
        <source>Not attached: {0}</source>
        <translation>未添加附件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="127"/>
        <source>{0}: attachment added.</source>
        <translation>{0}：已添加附件。</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="139"/>
        <source>Not marked: {0}</source>
        <translation>未能标为可公开：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="141"/>
        <source>{0}: attachment marked publishable.</source>
        <translation>{0}：附件已标为可公开。</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="160"/>
        <source>This attachment is not on this computer, and no central server is set up to download it from.</source>
        <translation>此附件不在本机，且未配置中心服务器，无法下载。</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="165"/>
        <source>Downloading {0}…</source>
        <translation>正在下载 {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="177"/>
        <source>Could not download the attachment: {0}</source>
        <translation>附件下载失败：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="195"/>
        <source>Could not open the attachment: {0}</source>
        <translation>无法打开附件：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="198"/>
        <source>No program on this computer opens this kind of file.</source>
        <translation>本机没有能打开此类文件的程序。</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="204"/>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="205"/>
        <source>the file is larger than {0} MB</source>
        <translation>文件超过 {0} MB</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="206"/>
        <source>only photos (JPEG, PNG, WebP, GIF), PDF documents and voice recordings (MP3, M4A, AAC, AMR, WAV, OGG) can be attached; this file&apos;s content is {0}</source>
        <translation>只能添加照片（JPEG、PNG、WebP、GIF）、PDF 文档和录音（MP3、M4A、AAC、AMR、WAV、OGG）；此文件的实际内容是 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="209"/>
        <source>the file is damaged or incomplete</source>
        <translation>文件已损坏或不完整</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="210"/>
        <source>the file name has characters that cannot be kept (path separators or control characters); rename the file</source>
        <translation>文件名含有不能保留的字符（路径分隔符或控制字符），请先重命名文件</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="212"/>
        <source>the file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="234"/>
        <source>photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="234"/>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="234"/>
        <source>voice recording</source>
        <translation>录音</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="236"/>
        <source>may be published</source>
        <translation>可公开</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="236"/>
        <source>not public</source>
        <translation>不公开</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="237"/>
        <source>on this computer</source>
        <translation>已在本机</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="237"/>
        <source>downloaded when opened</source>
        <translation>打开时下载</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="242"/>
        <location filename="../../ui/attachments_strip.py" line="263"/>
        <source>Add attachment</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="243"/>
        <source>Photos, PDF, voice recordings (*.jpg *.jpeg *.png *.webp *.gif *.pdf *.mp3 *.m4a *.aac *.amr *.wav *.ogg);;All files (*)</source>
        <translation>照片、PDF、录音 (*.jpg *.jpeg *.png *.webp *.gif *.pdf *.mp3 *.m4a *.aac *.amr *.wav *.ogg);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="262"/>
        <source>Add attachment…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="265"/>
        <source>May be published</source>
        <translation>可公开</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="266"/>
        <source>Attachment may be published</source>
        <translation>附件可公开</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="267"/>
        <source>Only attachments marked so are ever shown on the public site or through Open311; location data is removed from every photo.</source>
        <translation>只有勾选“可公开”的附件才会出现在公开网站和 Open311 上；所有照片的位置信息均已去除。</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="269"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="270"/>
        <source>Open attachment</source>
        <translation>打开附件</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="272"/>
        <source>Mark publishable</source>
        <translation>标为可公开</translation>
    </message>
    <message>
        <location filename="../../ui/attachments_strip.py" line="273"/>
        <source>Mark the attachment publishable</source>
        <translation>将附件标为可公开</translation>
    </message>
</context>
<context>
    <name>CallBar</name>
    <message>
        <location filename="../../ui/call_bar.py" line="46"/>
        <location filename="../../ui/call_bar.py" line="145"/>
        <source>Calls</source>
        <translation>来电</translation>
    </message>
    <message>
        <location filename="../../ui/call_bar.py" line="117"/>
        <location filename="../../ui/call_bar.py" line="125"/>
        <source>No other call.</source>
        <translation>没有其他来电。</translation>
    </message>
    <message>
        <location filename="../../ui/call_bar.py" line="129"/>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../../ui/call_bar.py" line="129"/>
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <location filename="../../ui/call_bar.py" line="129"/>
        <source>Held</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../ui/call_bar.py" line="130"/>
        <source>Unsaved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../ui/call_bar.py" line="131"/>
        <source>no number</source>
        <translation>无号码</translation>
    </message>
    <message>
        <location filename="../../ui/call_bar.py" line="132"/>
        <source>earlier cases: {0}</source>
        <translation>历史工单 {0} 件</translation>
    </message>
    <message>
        <location filename="../../ui/call_bar.py" line="148"/>
        <source>Calls: Enter brings the chosen call into the form</source>
        <translation>来电栏：按 Enter 将选中的来电调入受理单</translation>
    </message>
    <message>
        <location filename="../../ui/call_bar.py" line="157"/>
        <source>No call. Incoming calls ring here.</source>
        <translation>暂无来电。新来电在此振铃。</translation>
    </message>
    <message>
        <location filename="../../ui/call_bar.py" line="215"/>
        <source>A call from {0} is ringing in the call bar: Alt+PageDown takes it, the form keeps this call.</source>
        <translation>{0} 的来电在来电栏振铃：按 Alt+PageDown 接入，当前受理单保留。</translation>
    </message>
</context>
<context>
    <name>CallLogModel</name>
    <message>
        <location filename="../../ui/caller_log.py" line="32"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="32"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="32"/>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="32"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="33"/>
        <source>Earlier cases</source>
        <translation>历史工单</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="33"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="33"/>
        <source>Called back</source>
        <translation>已回拨</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="69"/>
        <source>Callback</source>
        <translation>回拨</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="69"/>
        <source>Incoming</source>
        <translation>呼入</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="71"/>
        <source>no number</source>
        <translation>无号码</translation>
    </message>
</context>
<context>
    <name>CallerLog</name>
    <message>
        <location filename="../../ui/caller_log.py" line="96"/>
        <source>Caller log</source>
        <translation>来电记录</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="114"/>
        <source>Choose a call with a number to call back.</source>
        <translation>请选择一条有号码的来电再回拨。</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="121"/>
        <source>Show calls</source>
        <translation>显示来电</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="122"/>
        <source>All calls</source>
        <translation>全部来电</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="85"/>
        <location filename="../../ui/caller_log.py" line="122"/>
        <source>Missed</source>
        <translation>未接</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="86"/>
        <location filename="../../ui/caller_log.py" line="123"/>
        <source>Abandoned</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="84"/>
        <location filename="../../ui/caller_log.py" line="123"/>
        <source>Answered</source>
        <translation>已接听</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="83"/>
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="127"/>
        <source>Calls, newest first: F9 or Enter calls back</source>
        <translation>来电记录（最新在前）：按 F9 或 Enter 回拨</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="137"/>
        <source>Call back (F9)</source>
        <translation>回拨 (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="138"/>
        <source>Call back the chosen caller</source>
        <translation>回拨选中的来电人</translation>
    </message>
    <message>
        <location filename="../../ui/caller_log.py" line="141"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <location filename="../../ui/case_detail.py" line="67"/>
        <source>No such case.</source>
        <translation>没有这个工单。</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="94"/>
        <source>Not done: a reason is required for this action.</source>
        <translation>未执行：此操作需要填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="104"/>
        <location filename="../../ui/case_detail.py" line="357"/>
        <source>There is no such case.</source>
        <translation>没有这个工单。</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="105"/>
        <source>Not done: {0}</source>
        <translation>未执行：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="110"/>
        <location filename="../../ui/case_detail.py" line="360"/>
        <source>{0}: {1} done.</source>
        <translation>{0}：已{1}。</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="123"/>
        <source>Return accepted; not dispatched: {0}</source>
        <translation>已同意退单，但未能派发：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="129"/>
        <source>Merge case</source>
        <translation>并单确认</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="130"/>
        <source>Merge {0} into {1}?
Reason: {2}
The caller of {0} will be called back with {1}.</source>
        <translation>将 {0} 并入 {1}？
原因：{2}
{0} 的来电人将随 {1} 一并回访。</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="133"/>
        <source>Merge</source>
        <translation>并单</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="134"/>
        <source>Do not merge</source>
        <translation>不并单</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="146"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="149"/>
        <source>Leaders&apos; instructions</source>
        <translation>领导批示</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="152"/>
        <source>Case facts</source>
        <translation>工单信息</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="155"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="157"/>
        <source>Description</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="169"/>
        <location filename="../../ui/case_detail.py" line="230"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="171"/>
        <location filename="../../ui/case_detail.py" line="173"/>
        <location filename="../../ui/case_detail.py" line="416"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="174"/>
        <source>Do it</source>
        <translation>执行</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="174"/>
        <source>Do the chosen action</source>
        <translation>执行所选操作</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="176"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="185"/>
        <source>Lead department</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="187"/>
        <location filename="../../ui/case_detail.py" line="374"/>
        <source>Choose the lead department...</source>
        <translation>选择主办单位……</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="188"/>
        <source>Why this unit</source>
        <translation>推荐依据</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="195"/>
        <source>Lead</source>
        <translation>主办</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="197"/>
        <source>Assisting</source>
        <translation>协办</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="201"/>
        <location filename="../../ui/case_detail.py" line="210"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="204"/>
        <location filename="../../ui/case_detail.py" line="212"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="205"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="206"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="214"/>
        <source>Merge into case number</source>
        <translation>并入的工单编号</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="215"/>
        <source>Case number to merge into</source>
        <translation>要并入的工单编号</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="216"/>
        <source>Instruction level</source>
        <translation>批示级别</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="219"/>
        <source>Extension</source>
        <translation>延期时长</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="220"/>
        <source>as requested</source>
        <translation>按申请时长</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="221"/>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="231"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="261"/>
        <source>No case open: press Enter on a row of the queue.</source>
        <translation>未打开工单：在工单列表中选中一行按回车。</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="277"/>
        <source>Leader&apos;s pick: handle first</source>
        <translation>领导点球：优先办理</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="279"/>
        <source>Supervised {0} times</source>
        <translation>已督办 {0} 次</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="283"/>
        <source>Deadline: {0} ({1})</source>
        <translation>时限：{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="284"/>
        <source>No deadline running</source>
        <translation>当前无办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="287"/>
        <source>anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="288"/>
        <source>Caller: {0}</source>
        <translation>来电人：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="288"/>
        <source> (repeat caller)</source>
        <translation>（重复来电）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="292"/>
        <source>Received: {0}</source>
        <translation>受理时间：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="295"/>
        <source>Lead: {0}</source>
        <translation>主办：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="296"/>
        <source>; assisting: {0}</source>
        <translation>；协办：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="299"/>
        <source>Merged into {0}</source>
        <translation>已并入 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="303"/>
        <source>Lead unit&apos;s 24-hour contact: {0} {1}</source>
        <translation>主办单位24小时联系人：{0} {1}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="306"/>
        <source>Progress contact made {0}</source>
        <translation>已于 {0} 联系市民告知进展</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="307"/>
        <source>Progress contact due {0} (1-hour rule)</source>
        <translation>须于 {0} 前联系市民告知进展（1小时规则）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="310"/>
        <source>Extension requested: {0}</source>
        <translation>已申请延期：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="313"/>
        <source>Callback: {0}, resolved {1}</source>
        <translation>回访：{0}，解决 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="314"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="314"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="316"/>
        <source>Callback tries without reaching the caller: {0}</source>
        <translation>回访未联系上次数：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="318"/>
        <source>Merged into this case: {0}</source>
        <translation>并入本单的工单：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="320"/>
        <source>Call back each caller: {0}</source>
        <translation>需逐一回访：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="345"/>
        <source>Contacted {0} at {1}</source>
        <translation>已于 {1} 联系到 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="358"/>
        <source>Not recorded: {0}</source>
        <translation>未记录：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="382"/>
        <source>Why: {0}</source>
        <translation>依据：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="393"/>
        <source>Returned by {0}: {1}</source>
        <translation>{0}退单：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="395"/>
        <source>; names {0} as responsible</source>
        <translation>；认为应由{0}承办</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="398"/>
        <source>Binding decision: {0} is responsible</source>
        <translation>裁定（具约束力）：由{0}承办</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="400"/>
        <source>Passed down by: {0}</source>
        <translation>逐级下派自：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="416"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="417"/>
        <source>Required for this action</source>
        <translation>此操作必须填写</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="417"/>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="299"/>
        <source>Number</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="299"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="299"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="299"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="300"/>
        <source>Description</source>
        <translation>诉求内容</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="110"/>
        <location filename="../../ui/shortcuts.py" line="111"/>
        <location filename="../../ui/shortcuts.py" line="113"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="114"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="114"/>
        <source>Action</source>
        <translation>功能</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../ui/queue_model.py" line="62"/>
        <source>{0}d {1}h</source>
        <translation>{0}天{1}小时</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="64"/>
        <source>{0}h {1}m</source>
        <translation>{0}小时{1}分</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="66"/>
        <source>{0}m</source>
        <translation>{0}分钟</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="68"/>
        <source>overdue {0}</source>
        <translation>超期 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="70"/>
        <source>{0} left</source>
        <translation>剩 {0}</translation>
    </message>
</context>
<context>
    <name>EmergencyBanner</name>
    <message>
        <location filename="../../ui/emergency_banner.py" line="17"/>
        <source>110 Police</source>
        <translation>110 公安报警</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="18"/>
        <source>119 Fire and rescue</source>
        <translation>119 消防救援</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="19"/>
        <source>120 Ambulance</source>
        <translation>120 医疗急救</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="20"/>
        <source>122 Traffic accidents</source>
        <translation>122 交通事故报警</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="28"/>
        <source>someone may harm themselves</source>
        <translation>有人可能轻生</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="29"/>
        <source>violence</source>
        <translation>暴力伤害</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="30"/>
        <source>explosion</source>
        <translation>爆炸</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="31"/>
        <source>fire or smoke</source>
        <translation>火灾或冒烟</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="32"/>
        <source>electrocution</source>
        <translation>触电</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="33"/>
        <source>fall from height</source>
        <translation>高处坠落</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="34"/>
        <source>unconscious or acutely ill</source>
        <translation>昏迷或急症</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="35"/>
        <source>drowning</source>
        <translation>溺水</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="36"/>
        <source>trapped in a lift</source>
        <translation>电梯困人</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="37"/>
        <source>collapse</source>
        <translation>坍塌</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="38"/>
        <source>traffic accident</source>
        <translation>交通事故</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="39"/>
        <source>gas leak</source>
        <translation>燃气泄漏</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="40"/>
        <source>live wire down</source>
        <translation>电线断落</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="41"/>
        <source>burst water main</source>
        <translation>供水管爆裂</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="56"/>
        <source>Emergency</source>
        <translation>特急</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="64"/>
        <source>Set Emergency and the proposed line</source>
        <translation>设为特急并选定建议的转接线路</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="111"/>
        <source>Logged: {0} was transferred to {1}.</source>
        <translation>已记录：工单 {0} 已转接 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="115"/>
        <source>Logged: {0} was put through to {1} and dispatched to {2} as urgent.</source>
        <translation>已记录：工单 {0} 已转接 {1}，并已按紧急件派单给 {2}。</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="135"/>
        <source>Emergency: put the caller through to {0} now and stay on the line until they answer; Ctrl+S then logs the transfer.</source>
        <translation>特急：请立即将来电转接 {0}，等对方接听后再挂断；然后按 Ctrl+S 记录转接。</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="140"/>
        <source>The case is also dispatched to {0} as urgent.</source>
        <translation>保存时同时按紧急件派单给 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="143"/>
        <source>Emergency: choose the line to put the caller through to.</source>
        <translation>特急：请选择转接线路。</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="145"/>
        <source>Proposed: {0}.</source>
        <translation>建议转接：{0}。</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="148"/>
        <source>Possible emergency: {0} (“{1}”). Put the caller through to {2}.</source>
        <translation>疑似紧急情况：{0}（“{1}”）。请转接 {2}。</translation>
    </message>
    <message>
        <location filename="../../ui/emergency_banner.py" line="154"/>
        <source>Emergency, transfer to {0} (Ctrl+E)</source>
        <translation>设为特急，转接 {0}（Ctrl+E）</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../ui/error_banner.py" line="53"/>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="54"/>
        <source>Dismiss the error notice</source>
        <translation>关闭错误提示</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="55"/>
        <source>Error notice</source>
        <translation>错误提示</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="64"/>
        <source>The details are in the log file {0}.</source>
        <translation>详细信息已记入日志文件 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="65"/>
        <source>The details were written to the log.</source>
        <translation>详细信息已记入日志。</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="66"/>
        <source>An unexpected error happened ({0}). The console goes on; what you saved is kept.</source>
        <translation>发生意外错误（{0}）。坐席系统继续运行，已保存的内容不受影响。</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="68"/>
        <source>{0} unexpected errors happened (the last: {1}). The console goes on; what you saved is kept.</source>
        <translation>已发生 {0} 次意外错误（最近一次：{1}）。坐席系统继续运行，已保存的内容不受影响。</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/intake_form.py" line="199"/>
        <source>The draft could not be written; it is kept in the form.</source>
        <translation>草稿写入失败，内容仍保留在表单中。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="260"/>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="273"/>
        <source>An emergency is transferred, not dispatched.</source>
        <translation>紧急事件应转接，不派单。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="285"/>
        <source>Choose the lead department.</source>
        <translation>请选择主办单位。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="292"/>
        <source>Dispatch to {0}</source>
        <translation>派往 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="294"/>
        <source> (assisting: {0})</source>
        <translation>（协办：{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="298"/>
        <source>Sign for by {0}, reply by {1}.</source>
        <translation>签收时限 {0}，办结时限 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="300"/>
        <source>Press Ctrl+Enter again to save and dispatch; any change cancels.</source>
        <translation>再按 Ctrl+Enter 保存并派单；修改任何内容即取消。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="317"/>
        <source>No likely duplicate to merge into.</source>
        <translation>没有可并入的疑似重复工单。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="320"/>
        <source>Same matter as {0}</source>
        <translation>与 {0} 为同一事项</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="339"/>
        <source>Saved {0}; not merged: {1}</source>
        <translation>已保存 {0}；未并入：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="341"/>
        <source>Saved {0} and merged it into {1}.</source>
        <translation>已保存 {0} 并并入 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="355"/>
        <source>Discard the call?</source>
        <translation>放弃此来电？</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="356"/>
        <source>What was typed for this call is lost. Discard it?</source>
        <translation>此来电已填写的内容将丢失。确定放弃？</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="393"/>
        <source>Caller&apos;s phone</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="394"/>
        <source>138 0013 8000 or 028-8600 1234</source>
        <translation>138 0013 8000 或 028-8600 1234</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="395"/>
        <source>Caller&apos;s name</source>
        <translation>来电人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="397"/>
        <source>Request type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="398"/>
        <location filename="../../ui/intake_form.py" line="427"/>
        <source>Choose...</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="401"/>
        <location filename="../../ui/intake_form.py" line="546"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="402"/>
        <source>Type Chinese or pinyin initials, e.g. wy</source>
        <translation>输入中文或拼音首字母，如 wy</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="403"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="411"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="412"/>
        <source>Road, compound or landmark</source>
        <translation>道路、小区或地标</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="418"/>
        <location filename="../../ui/intake_form.py" line="553"/>
        <source>Description</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="420"/>
        <source>What happened, where, since when, what the caller asks for</source>
        <translation>发生了什么、在哪里、从何时开始、来电人有何诉求</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="423"/>
        <location filename="../../ui/intake_form.py" line="557"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="426"/>
        <source>Transfer to</source>
        <translation>转接至</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="433"/>
        <source>Emergency transfer instruction</source>
        <translation>紧急转接提示</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="436"/>
        <source>Disposition</source>
        <translation>处置方式</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="437"/>
        <source>Save as received (decide later)</source>
        <translation>仅受理（稍后处置）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="437"/>
        <source>Answer directly</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="438"/>
        <source>Dispatch to a department</source>
        <translation>派单至部门</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="441"/>
        <source>Answer given to the caller</source>
        <translation>答复来电人的内容</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="444"/>
        <source>Cited knowledge article</source>
        <translation>引用的知识库条目</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="446"/>
        <source>Lead department</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="457"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="460"/>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="460"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="461"/>
        <source>Save and dispatch (Ctrl+Enter)</source>
        <translation>保存并派单 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="462"/>
        <source>Save and dispatch</source>
        <translation>保存并派单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="464"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="464"/>
        <source>Discard draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="482"/>
        <source>Repeat caller</source>
        <translation>重复来电</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="485"/>
        <source>Caller history</source>
        <translation>来电历史</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="487"/>
        <source>Caller&apos;s earlier cases</source>
        <translation>来电人以往工单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="489"/>
        <location filename="../../ui/intake_form.py" line="508"/>
        <source>Likely duplicates</source>
        <translation>疑似重复工单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="511"/>
        <source>Merge (Ctrl+M)</source>
        <translation>并单 (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="512"/>
        <source>Merge into the selected duplicate</source>
        <translation>并入所选重复工单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="520"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="541"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="466"/>
        <location filename="../../ui/intake_form.py" line="543"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="178"/>
        <source>Restored: the unsaved call last written at {0}. Check it, then save or discard it.</source>
        <translation>已恢复：{0} 最后保存的未提交来电。请核对后保存或放弃。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="431"/>
        <source>EMERGENCY: a threat to life or public safety is not a hotline case. Put the caller through to 110, 119, 120, 122 or the utility&apos;s emergency line, stay on the line until they answer, then save to log the transfer.</source>
        <translation>特急：危及生命或公共安全的事项不属于热线受理范围。请立即将来电转接 110、119、120、122 或相关企业的抢修热线，等对方接听后再保存，转接即被记录。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="447"/>
        <source>Why this unit</source>
        <translation>推荐依据</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="465"/>
        <location filename="../../ui/intake_form.py" line="561"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="466"/>
        <source>Mailbox</source>
        <translation>信箱</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="466"/>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="466"/>
        <source>App</source>
        <translation>移动应用</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="466"/>
        <source>Walk-in</source>
        <translation>来访</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="470"/>
        <source>Confidential (caller&apos;s identity withheld)</source>
        <translation>保密（不公开来电人身份）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="471"/>
        <source>Confidential</source>
        <translation>保密</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="472"/>
        <source>Dispatch preview</source>
        <translation>派单预览</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="476"/>
        <source>Restored draft</source>
        <translation>已恢复的草稿</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="507"/>
        <source>Likely duplicates (Ctrl+M merges into the chosen one)</source>
        <translation>疑似重复工单（Ctrl+M 并入选中的一件）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="548"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="552"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="579"/>
        <source>Lead</source>
        <translation>主办</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="580"/>
        <source>Assisting</source>
        <translation>协办</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="734"/>
        <source>Unknown district; pick one from the list.</source>
        <translation>没有这个区县，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="743"/>
        <source>Choose the lead department...</source>
        <translation>请选择主办单位…</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="760"/>
        <source>Why: {0}</source>
        <translation>依据：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="777"/>
        <source>Reached {0}; recorded when the call is saved.</source>
        <translation>已联系到 {0}；保存工单时记录。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="793"/>
        <source>Saved {0}; the unit contact was not recorded: {1}</source>
        <translation>已保存 {0}；单位联系情况未记录：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="809"/>
        <source>Choose the request type to see the deadline.</source>
        <translation>选择诉求类型后显示办理时限。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="818"/>
        <source>Answered directly: closed on the call, no deadline.</source>
        <translation>直接答复：通话中办结，无办理时限。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="820"/>
        <source>Deadline: sign for by {0}, reply by {1}</source>
        <translation>时限：{0} 前签收，{1} 前答复</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="824"/>
        <source>Deadline: dispatch by {0}</source>
        <translation>时限：{0} 前派单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="850"/>
        <source>Caller history appears when the number is complete.</source>
        <translation>号码输入完整后显示来电历史。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="854"/>
        <source>{0}: {1} earlier cases</source>
        <translation>{0}：以往工单 {1} 件</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="857"/>
        <source>Repeat caller (30 days)</source>
        <translation>重复来电（30天内）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="858"/>
        <source>Repeat caller: called within the last 30 days</source>
        <translation>重复来电：30 天内来电过</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="878"/>
        <source>Cited article: {0}</source>
        <translation>引用条目：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="877"/>
        <source>No article cited (choose one in the knowledge panel)</source>
        <translation>未引用知识条目（在知识库面板中选择）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="812"/>
        <source>Emergency: no hotline deadline once the transfer is logged.</source>
        <translation>特急：记录转接后，热线不计办理时限。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="933"/>
        <source>Not saved: correct the marked fields. Nothing was lost.</source>
        <translation>未保存：请修改标出的字段，已填内容不会丢失。</translation>
    </message>
</context>
<context>
    <name>IntakeMessages</name>
    <message>
        <location filename="../../ui/intake_messages.py" line="13"/>
        <source>Too long: at most {0} characters.</source>
        <translation>太长：最多 {0} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="15"/>
        <source>Not a valid mainland mobile or landline number (e.g. 138 0013 8000 or 028-8600 1234).</source>
        <translation>不是有效的大陆手机或固话号码（如 138 0013 8000 或 028-8600 1234）。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="19"/>
        <source>Write at least {0} characters.</source>
        <translation>至少写 {0} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="20"/>
        <source>Describe the request.</source>
        <translation>请填写诉求内容。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="22"/>
        <source>Choose the request type.</source>
        <translation>请选择诉求类型。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="25"/>
        <source>Choose a category.</source>
        <translation>请选择分类。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="26"/>
        <source>Unknown category; pick one from the list.</source>
        <translation>没有这个分类，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="29"/>
        <source>Choose the district where it happens.</source>
        <translation>请选择事发区县。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="30"/>
        <source>Unknown district; pick one from the list.</source>
        <translation>没有这个区县，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="32"/>
        <source>Give the place: road, compound or landmark.</source>
        <translation>请填写地点：道路、小区或地标。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="34"/>
        <source>An emergency is transferred: choose 110, 119, 120, 122 or a utility&apos;s line.</source>
        <translation>特急须转接：请选择 110、119、120、122 或企业抢修热线。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="37"/>
        <source>A call is either answered directly or dispatched, not both.</source>
        <translation>一次来电要么直接答复，要么派单，不能两者都选。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="40"/>
        <source>Unknown department; pick one from the list.</source>
        <translation>没有这个单位，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="42"/>
        <source>Choose the urgency.</source>
        <translation>请选择紧急程度。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/lock.py" line="45"/>
        <source>This seat is locked</source>
        <translation>本坐席已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="49"/>
        <source>A call is waiting: unlock to take it.</source>
        <translation>有来电等待：解锁后接听。</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="53"/>
        <location filename="../../ui/lock.py" line="54"/>
        <location filename="../../ui/lock.py" line="92"/>
        <location filename="../../ui/lock.py" line="93"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="56"/>
        <location filename="../../ui/lock.py" line="58"/>
        <source>Sign in as another operator</source>
        <translation>换其他坐席登录</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="86"/>
        <source>{0} ({1}) is signed in. Type the password to unlock. Another operator may sign in instead: {0}&apos;s unsaved call then stays saved as a draft.</source>
        <translation>{0}（{1}）已登录。输入密码即可解锁。也可换其他坐席登录：{0}未保存的来电将保留为其草稿。</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="101"/>
        <location filename="../../ui/lock.py" line="102"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>Incoming call from {0}</source>
        <translation>来电：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>This call has no number to call back.</source>
        <translation>该来电没有号码，无法回拨。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <location filename="../../ui/main_window.py" line="322"/>
        <source>Local only</source>
        <translation>仅本地</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <location filename="../../ui/main_window.py" line="178"/>
        <source>{0} unsynced changes</source>
        <translation>{0} 条变更未同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177"/>
        <source>syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>last sync {0}</source>
        <translation>上次同步 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183"/>
        <source>{0} need attention</source>
        <translation>{0} 项待处理</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>12345 Hotline Console</source>
        <translation>12345 热线坐席工作台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="210"/>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211"/>
        <source>Call</source>
        <translation>来电</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="235"/>
        <source>Caller log</source>
        <translation>来电记录</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>{0} ({1}) · {2}</source>
        <translation>{0}（{1}）· {2}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <source>Operator and role</source>
        <translation>坐席与角色</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>Call timer</source>
        <translation>通话计时</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <source>Sync state</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332"/>
        <source>Operator</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332"/>
        <source>Team lead</source>
        <translation>班长</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="332"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333"/>
        <source>Department liaison</source>
        <translation>部门联络员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="387"/>
        <source>No likely duplicates for this call.</source>
        <translation>本次来电没有疑似重复工单。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="439"/>
        <source>No call</source>
        <translation>无通话</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="445"/>
        <source>Call {0}</source>
        <translation>通话 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="449"/>
        <source>Ended {0}</source>
        <translation>已结束 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="475"/>
        <source>Quit?</source>
        <translation>退出？</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="476"/>
        <source>Calls not saved as cases: {0}. They are kept as drafts and come back at the next sign-in. Quit now?</source>
        <translation>尚有 {0} 通来电未保存为工单，将保留为草稿，下次登录时恢复。现在退出？</translation>
    </message>
</context>
<context>
    <name>MergeConfirmDialog</name>
    <message>
        <location filename="../../ui/merge_confirm.py" line="19"/>
        <source>Merge the call</source>
        <translation>并入工单</translation>
    </message>
    <message>
        <location filename="../../ui/merge_confirm.py" line="20"/>
        <source>Merge this call into {0}?
{1}
Its caller will be called back with {0}.</source>
        <translation>将此来电并入 {0}？
{1}
回访 {0} 时将一并回访此来电人。</translation>
    </message>
    <message>
        <location filename="../../ui/merge_confirm.py" line="25"/>
        <source>Reason for the merge</source>
        <translation>并入原因</translation>
    </message>
    <message>
        <location filename="../../ui/merge_confirm.py" line="29"/>
        <source>Merge</source>
        <translation>并入</translation>
    </message>
    <message>
        <location filename="../../ui/merge_confirm.py" line="30"/>
        <source>Keep the call</source>
        <translation>保留来电</translation>
    </message>
    <message>
        <location filename="../../ui/merge_confirm.py" line="36"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/merge_confirm.py" line="51"/>
        <source>A reason is required for a merge.</source>
        <translation>并入须填写原因。</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="90"/>
        <source>Number</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="90"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="90"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="91"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="91"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="92"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="92"/>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="93"/>
        <source>Lead department</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="93"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="94"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="225"/>
        <source>Leader&apos;s instruction</source>
        <translation>领导批示</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="227"/>
        <source>Leader&apos;s pick</source>
        <translation>领导点球</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="229"/>
        <source>Supervised</source>
        <translation>已督办</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="231"/>
        <source>Repeat caller</source>
        <translation>重复来电</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/queue_panel.py" line="171"/>
        <source>Queue views</source>
        <translation>工单视图</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="178"/>
        <source>Filter: number, phone or words</source>
        <translation>筛选：编号、电话或关键词</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="179"/>
        <source>Queue filter</source>
        <translation>工单筛选</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="197"/>
        <source>Any state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="198"/>
        <source>Any category</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="200"/>
        <source>Any district</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="201"/>
        <source>Any department</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="205"/>
        <source>Case queue</source>
        <translation>工单列表</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="230"/>
        <source>Number of cases shown</source>
        <translation>显示的工单数</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="282"/>
        <source>Searching the descriptions...</source>
        <translation>正在检索诉求内容……</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="286"/>
        <source>{0} cases</source>
        <translation>共 {0} 件</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../ui/refusals.py" line="20"/>
        <source>The action was refused.</source>
        <translation>操作被拒绝。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="21"/>
        <source>There is no such action.</source>
        <translation>没有这个操作。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="22"/>
        <source>Unknown role {role}.</source>
        <translation>未知角色 {role}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="23"/>
        <source>This action is not possible while the case is {state}.</source>
        <translation>工单处于“{state}”状态，不能执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="24"/>
        <source>Your role may not do this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="25"/>
        <source>A reason is required for this action.</source>
        <translation>此操作需要填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="26"/>
        <source>Please fill in: {field}.</source>
        <translation>请填写：{field}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="27"/>
        <source>These fields cannot be edited: {fields}.</source>
        <translation>以下字段不能修改：{fields}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="28"/>
        <source>A transfer goes to one of {targets}.</source>
        <translation>只能转接到 {targets}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="29"/>
        <source>Choose the level of the instruction: city, district or township.</source>
        <translation>请选择批示级别：市级、区级或街道级。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="30"/>
        <source>{field} must be a text of at most {limit} characters.</source>
        <translation>{field} 须为不超过 {limit} 个字的文字。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="31"/>
        <source>&quot;{value}&quot; is not a duration: write working days or hours, e.g. 5wd or 16wh.</source>
        <translation>“{value}”不是有效时长：请填写工作日或工作小时，例如 5wd 或 16wh。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="33"/>
        <source>Choose satisfied, basically satisfied or dissatisfied.</source>
        <translation>请选择满意、基本满意或不满意。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="34"/>
        <source>Say whether the problem was resolved.</source>
        <translation>请选择问题是否解决。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="35"/>
        <source>The details of this action are not valid.</source>
        <translation>此操作的详情填写有误。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="36"/>
        <source>The case changed meanwhile; it has been reloaded, please try again.</source>
        <translation>工单已被他人更新，请刷新后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="38"/>
        <source>No extension was requested: only a department&apos;s request can be approved or rejected.</source>
        <translation>没有延期申请：只能审批承办部门提出的延期申请。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="40"/>
        <source>A case cannot be merged into itself.</source>
        <translation>工单不能并入自身。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="41"/>
        <source>Case {number} is itself merged into another case.</source>
        <translation>工单 {number} 已并入其他工单。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="42"/>
        <source>Case {number} is closed: its callers would never be called back. Choose an open case.</source>
        <translation>工单 {number} 已归档，并入后来电人将无法回访，请选择在办工单。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="44"/>
        <source>There is no case {number}.</source>
        <translation>没有工单 {number}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="45"/>
        <source>Your account may not make this change this way.</source>
        <translation>您的账号不能通过此途径执行该操作。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="46"/>
        <source>Only the lead department may do this.</source>
        <translation>只有主办单位可以执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="47"/>
        <source>Your department is not handling this case.</source>
        <translation>您的部门未参与办理此工单。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="48"/>
        <source>Only an assisting department gives an assist opinion; the lead department replies.</source>
        <translation>只有协办单位可提交协办意见；主办单位请办理答复。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="50"/>
        <source>{unit} was named responsible by a team lead&apos;s binding decision: it cannot return the case.</source>
        <translation>{unit}已由班长裁定为承办单位（具约束力），不能再退单。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="52"/>
        <source>{unit} is not a unit directly below {lead}: a case is passed down one level at a time.</source>
        <translation>{unit}不是{lead}的直接下级单位：工单只能逐级下派。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="54"/>
        <source>There is no unit {unit}.</source>
        <translation>没有单位{unit}。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="55"/>
        <source>{field} must name a unit from the list.</source>
        <translation>{field}须从列表中选择单位。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="56"/>
        <source>The responsible unit cannot also be one of its assisting units.</source>
        <translation>承办单位不能同时作为协办单位。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="57"/>
        <source>The central server lacks the attachment&apos;s file (refused, or never sent): add it again.</source>
        <translation>中心服务器没有该附件的文件（被拒收或未发送）：请重新添加。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="59"/>
        <source>The attachment&apos;s size or type differs from its file.</source>
        <translation>附件的大小或类型与文件不符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="60"/>
        <source>The attachment is not named by a valid checksum.</source>
        <translation>附件的校验值无效。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="61"/>
        <source>The attachment is empty.</source>
        <translation>附件是空文件。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="62"/>
        <source>The attachment is larger than {limit_mb} MB.</source>
        <translation>附件超过 {limit_mb} MB。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="63"/>
        <source>Only photos, PDF documents and voice recordings can be attached.</source>
        <translation>只能添加照片、PDF 文档和录音。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="65"/>
        <source>The attachment&apos;s file name has path separators or control characters.</source>
        <translation>附件文件名含有路径分隔符或控制字符。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="67"/>
        <source>Whether the attachment may be published is yes or no.</source>
        <translation>附件是否可公开只能是“是”或“否”。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="68"/>
        <source>{unit} is not a unit of this case: contact its lead or an assisting unit.</source>
        <translation>{unit} 不是本工单的承办单位：请联系主办或协办单位。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="70"/>
        <source>Say who answered at the unit (at most 64 characters).</source>
        <translation>请填写单位接听人（不超过64个字）。</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="75"/>
        <source>Lead department</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="76"/>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="77"/>
        <source>Extension</source>
        <translation>延期时长</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="78"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="79"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="80"/>
        <source>Merge into case number</source>
        <translation>并入的工单编号</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="81"/>
        <source>Transfer target</source>
        <translation>转接对象</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="82"/>
        <source>Instruction level</source>
        <translation>批示级别</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="83"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="84"/>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="85"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="86"/>
        <source>Unit believed responsible</source>
        <translation>建议承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/refusals.py" line="87"/>
        <source>Assisting departments</source>
        <translation>协办单位</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="26"/>
        <source>New call (from anywhere)</source>
        <translation>新来电（任何位置）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="27"/>
        <source>Save the call</source>
        <translation>保存来电</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="29"/>
        <source>Save and dispatch to the lead department</source>
        <translation>保存并派给主办单位</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="30"/>
        <source>Merge the call into the selected likely duplicate</source>
        <translation>将来电并入所选疑似重复工单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="31"/>
        <source>Discard the draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="33"/>
        <source>Emergency: set it and the proposed line to put the caller through to</source>
        <translation>特急：设为特急并选定建议的转接线路</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="34"/>
        <source>Go to the caller&apos;s phone</source>
        <translation>跳到来电号码</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="35"/>
        <source>Go to the description</source>
        <translation>跳到诉求内容</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="37"/>
        <source>Go to the caller&apos;s earlier cases (Enter opens one)</source>
        <translation>跳到来电人历史工单（Enter 打开）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="39"/>
        <source>Go to the likely duplicates (arrows choose, Ctrl+M merges)</source>
        <translation>跳到疑似重复工单（方向键选择，Ctrl+M 并单）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="40"/>
        <source>Search the knowledge base</source>
        <translation>搜索知识库</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="42"/>
        <source>Insert the selected article&apos;s answer into the reply</source>
        <translation>将所选知识条目的答复插入答复栏</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="43"/>
        <source>Filter the queue</source>
        <translation>筛选工单列表</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="44"/>
        <source>Open the selected case</source>
        <translation>打开所选工单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="45"/>
        <source>Back to the call form</source>
        <translation>回到来电表单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="46"/>
        <source>Refresh the queue and counts</source>
        <translation>刷新工单列表和计数</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="48"/>
        <source>Sort the queue by the current column (again: reverse)</source>
        <translation>按当前列排序工单队列（再按一次倒序）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="49"/>
        <source>Next pane: queue, workspace, knowledge base</source>
        <translation>下一个区域：工单队列、工作区、知识库</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="50"/>
        <source>Previous pane</source>
        <translation>上一个区域</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="52"/>
        <source>Next page of the workspace (call, case, dashboard)</source>
        <translation>工作区下一页（受理、工单、看板）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="53"/>
        <source>Previous page of the workspace</source>
        <translation>工作区上一页</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="55"/>
        <source>Sync state: refused operations and conflicts</source>
        <translation>同步状态：被退回的操作和冲突</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="56"/>
        <source>Queue: My cases</source>
        <translation>视图：我的工单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="57"/>
        <source>Queue: Due today</source>
        <translation>视图：今日到期</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="58"/>
        <source>Queue: Overdue</source>
        <translation>视图：已超期</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="59"/>
        <source>Queue: Urgent</source>
        <translation>视图：紧急</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="60"/>
        <source>Queue: All open</source>
        <translation>视图：全部在办</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="61"/>
        <source>Queue: Waiting for callback</source>
        <translation>视图：待回访</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="62"/>
        <source>Queue: All</source>
        <translation>视图：全部</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="63"/>
        <source>Queue: Returns to review (team lead)</source>
        <translation>队列：退单审核（班长）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="64"/>
        <source>Queue: Responsibility disputes (team lead)</source>
        <translation>队列：职责争议（班长）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="65"/>
        <source>Next call in the call bar into the form</source>
        <translation>将来电栏中的下一通来电调入受理单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="67"/>
        <source>Previous call in the call bar into the form</source>
        <translation>将来电栏中的上一通来电调入受理单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="69"/>
        <source>Caller log: incoming, missed and abandoned calls</source>
        <translation>来电记录：呼入、未接和放弃的来电</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="70"/>
        <source>Call back the caller chosen in the caller log</source>
        <translation>回拨来电记录中选中的来电人</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="72"/>
        <source>This list of shortcuts</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="73"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="79"/>
        <source>Sign for the selected case</source>
        <translation>签收选中的工单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="80"/>
        <source>Reply: the result, resolved or not</source>
        <translation>办结答复：办理结果、是否解决</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="82"/>
        <source>Request an extension: more working days and the reason</source>
        <translation>申请延期：延期工作日数和理由</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="84"/>
        <source>Return the case: the reason, and the unit believed responsible</source>
        <translation>退单：退单理由和建议承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="85"/>
        <source>Pass the case to a unit below</source>
        <translation>下派给下级单位</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="86"/>
        <source>Give the assisting unit&apos;s opinion</source>
        <translation>填写协办意见</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="87"/>
        <source>Do the chosen action</source>
        <translation>执行所选操作</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="88"/>
        <source>Inbox: To sign for</source>
        <translation>待办：待签收</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="89"/>
        <source>Inbox: In progress</source>
        <translation>待办：办理中</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="90"/>
        <source>Inbox: Extension requests</source>
        <translation>待办：延期申请</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="91"/>
        <source>Inbox: Returned / under review</source>
        <translation>待办：退单/审核中</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="92"/>
        <source>Inbox: Assisting</source>
        <translation>待办：协办</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="93"/>
        <source>Inbox: Overdue</source>
        <translation>待办：已超期</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="94"/>
        <source>Inbox: Passed down to a unit below</source>
        <translation>待办：已下派下级单位</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="71"/>
        <source>Lock the seat</source>
        <translation>锁定坐席</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/sign_in.py" line="166"/>
        <source>Sign in - 12345 Hotline Console</source>
        <translation>登录 - 12345 热线坐席工作台</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="168"/>
        <source>12345 Hotline Console</source>
        <translation>12345 热线坐席工作台</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="170"/>
        <source>Sign in with your own login name and password.</source>
        <translation>请用您本人的登录名和密码登录。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="178"/>
        <source>Demo profile: every demo operator (op01 to op05, lead01, admin) has the password {0}. A real profile never has it.</source>
        <translation>演示档案：所有演示账号（op01 至 op05、lead01、admin）的密码都是 {0}。正式档案没有这个密码。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="181"/>
        <location filename="../../ui/sign_in.py" line="182"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../ui/sign_in.py" line="60"/>
        <source>Checking the password…</source>
        <translation>正在核验密码…</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="66"/>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="69"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="74"/>
        <source>Sign-in message</source>
        <translation>登录提示</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="76"/>
        <location filename="../../ui/sign_in.py" line="77"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="85"/>
        <source>&amp;Login name</source>
        <translation>登录名(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="86"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="138"/>
        <source>You can try again now.</source>
        <translation>现在可以再试。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="146"/>
        <source>Type your login name and password.</source>
        <translation>请输入登录名和密码。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="148"/>
        <source>Wrong login name or password.</source>
        <translation>登录名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="150"/>
        <source>The central server cannot be reached, and this operator has never signed in on this computer while it could. Sign in once while the central server is reachable.</source>
        <translation>无法连接中心服务器，而该坐席从未在连得上中心服务器时在本机登录过。请在能连接中心服务器时先登录一次。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="153"/>
        <source>Too many wrong passwords. Try again in {0} s.</source>
        <translation>密码错误次数过多，请 {0} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="156"/>
        <source>The sign-in was refused: {0}</source>
        <translation>登录被拒绝：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="157"/>
        <source>The sign-in failed ({0}). Try again, or ask the administrator.</source>
        <translation>登录失败（{0}）。请重试，或联系管理员。</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <location filename="../../ui/terms.py" line="15"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="16"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="17"/>
        <source>Answered directly</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="18"/>
        <source>Dispatched</source>
        <translation>已派单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="19"/>
        <source>Signed for</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="20"/>
        <source>Returned</source>
        <translation>已退单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="21"/>
        <source>Extended</source>
        <translation>延期中</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="22"/>
        <source>Replied</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="23"/>
        <location filename="../../ui/terms.py" line="51"/>
        <source>Waiting for callback</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="24"/>
        <source>Under review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="25"/>
        <source>Return under review</source>
        <translation>退单审核中</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="26"/>
        <source>Responsibility dispute</source>
        <translation>职责争议</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="27"/>
        <source>Reopened</source>
        <translation>重办</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="28"/>
        <source>Closed</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="29"/>
        <source>Merged</source>
        <translation>已并单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="32"/>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="33"/>
        <source>Help</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="34"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="35"/>
        <source>Report</source>
        <translation>举报</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="36"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="37"/>
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="38"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="41"/>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="42"/>
        <location filename="../../ui/terms.py" line="49"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="43"/>
        <source>Emergency</source>
        <translation>特急</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="46"/>
        <source>My cases</source>
        <translation>我的工单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="47"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="48"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="50"/>
        <source>All open</source>
        <translation>全部在办</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="52"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="53"/>
        <source>Returns to review</source>
        <translation>退单审核</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="54"/>
        <source>Disputes</source>
        <translation>职责争议</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="57"/>
        <source>Receive</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="58"/>
        <source>Answer directly</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="59"/>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="60"/>
        <source>Sign for</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="61"/>
        <source>Return</source>
        <translation>退单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="62"/>
        <source>Request extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="63"/>
        <source>Approve extension</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="64"/>
        <source>Reject extension</source>
        <translation>驳回延期</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="65"/>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="66"/>
        <source>Queue for callback</source>
        <translation>转待回访</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="67"/>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="68"/>
        <source>Reopen</source>
        <translation>重办</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="69"/>
        <source>Close</source>
        <translation>归档</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="70"/>
        <source>Cancel case</source>
        <translation>撤销工单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="71"/>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="72"/>
        <source>Merge</source>
        <translation>并单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="73"/>
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="74"/>
        <source>Leader&apos;s instruction</source>
        <translation>领导批示</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="75"/>
        <source>Leader&apos;s pick</source>
        <translation>领导点球</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="76"/>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="77"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="78"/>
        <source>Attachment</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="79"/>
        <source>Progress contacted</source>
        <translation>已联系告知进展</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="80"/>
        <source>Callback: not reached</source>
        <translation>回访未联系上</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="81"/>
        <source>Review: reopen to the department</source>
        <translation>审核：退回部门重办</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="82"/>
        <source>Review: close with a reason</source>
        <translation>审核：说明理由后办结</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="83"/>
        <source>Close without callback</source>
        <translation>不回访办结</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="84"/>
        <source>Accept the return</source>
        <translation>同意退单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="85"/>
        <source>Reject the return</source>
        <translation>驳回退单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="86"/>
        <source>Decide the dispute</source>
        <translation>裁定职责争议</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="87"/>
        <source>Assist opinion</source>
        <translation>协办意见</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="88"/>
        <source>Pass down</source>
        <translation>下派</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="89"/>
        <source>Unit contacted</source>
        <translation>已联系单位</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="92"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="93"/>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="94"/>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="97"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="98"/>
        <source>District</source>
        <translation>区级</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="99"/>
        <source>Township</source>
        <translation>街镇级</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../ui/timeline.py" line="32"/>
        <source>1 working day</source>
        <translation>1 个工作日</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="33"/>
        <source>{0} working days</source>
        <translation>{0} 个工作日</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="35"/>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="36"/>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="38"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="39"/>
        <source>{0} hours</source>
        <translation>{0} 小时</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="44"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="44"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="56"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="71"/>
        <source>Received the call</source>
        <translation>受理来电</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="73"/>
        <source>Dispatched to {0}</source>
        <translation>派单给 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="75"/>
        <location filename="../../ui/timeline.py" line="90"/>
        <source>, assisted by {0}</source>
        <translation>，协办：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="77"/>
        <source>Signed for the case</source>
        <translation>签收工单</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="79"/>
        <source>Returned the case</source>
        <translation>退回工单</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="81"/>
        <source>, naming {0} as responsible</source>
        <translation>，认为应由{0}承办</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="83"/>
        <source>Accepted the return, to be dispatched again</source>
        <translation>同意退单，待重新派单</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="85"/>
        <source>Rejected the return: back to the department, deadlines unchanged</source>
        <translation>驳回退单：退回原单位办理，时限不变</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="87"/>
        <source>Decided the dispute: {0} is responsible (binding)</source>
        <translation>裁定职责争议：由{0}承办（具约束力）</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="92"/>
        <source>Assisting unit&apos;s opinion: {0}</source>
        <translation>协办单位意见：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="94"/>
        <source>Passed down to {0}</source>
        <translation>下派至{0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="96"/>
        <source>Asked for {0} more</source>
        <translation>申请延期 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="98"/>
        <source>Approved {0} more</source>
        <translation>批准延期 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="100"/>
        <source>Refused the extension</source>
        <translation>不同意延期</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="102"/>
        <source>Replied with the result: {0}</source>
        <translation>回复办理结果：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="104"/>
        <source>Queued for a callback</source>
        <translation>转入待回访</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="106"/>
        <source>Called the caller back: satisfied {0}, resolved {1}</source>
        <translation>回访来电人：满意 {0}，解决 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="108"/>
        <source>Called the caller back</source>
        <translation>回访来电人</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="110"/>
        <source>Reopened the case</source>
        <translation>重办工单</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="112"/>
        <source>Closed the case</source>
        <translation>办结归档</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="114"/>
        <source>Cancelled the case</source>
        <translation>作废工单</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="117"/>
        <source>Transferred the caller to {0}</source>
        <translation>来电转接 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="119"/>
        <source>Merged into {0}</source>
        <translation>并入 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="121"/>
        <source>Urged the department to act</source>
        <translation>督办承办单位</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="123"/>
        <source>Recorded a leader&apos;s instruction ({0})</source>
        <translation>登记领导批示（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="125"/>
        <source>Marked as a leader&apos;s pick</source>
        <translation>列为领导点题件</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="127"/>
        <source>Edited: {0}</source>
        <translation>修改：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="129"/>
        <source>Answered directly: {0}</source>
        <translation>直接答复：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="131"/>
        <source>Reached {0}&apos;s 24-hour contact: {1}</source>
        <translation>已联系{0}24小时值班联系人：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="135"/>
        <source>Put the caller through to {0}</source>
        <translation>来电转接 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="137"/>
        <source>Note: {0}</source>
        <translation>备注：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="141"/>
        <source>Attached {0} ({1}), may be published</source>
        <translation>添加附件 {0}（{1}），可公开</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="142"/>
        <source>Attached {0} ({1})</source>
        <translation>添加附件 {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="147"/>
        <source>. Reason: {0}</source>
        <translation>。理由：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="149"/>
        <source>. The photo it linked was not attached: {0}</source>
        <translation>。所附链接的照片未能添加：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="154"/>
        <source>description</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="155"/>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="156"/>
        <source>caller&apos;s name</source>
        <translation>来电人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="157"/>
        <source>answer</source>
        <translation>答复</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../ui/timeline.py" line="167"/>
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="169"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="169"/>
        <source>By</source>
        <translation>经办</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="169"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="169"/>
        <source>What happened</source>
        <translation>办理情况</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="177"/>
        <source>The chosen event in full</source>
        <translation>所选办理记录全文</translation>
    </message>
</context>
<context>
    <name>UnitContactBox</name>
    <message>
        <location filename="../../ui/unit_picker.py" line="155"/>
        <location filename="../../ui/unit_picker.py" line="156"/>
        <source>Who answered</source>
        <translation>接听人</translation>
    </message>
    <message>
        <location filename="../../ui/unit_picker.py" line="158"/>
        <location filename="../../ui/unit_picker.py" line="160"/>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <location filename="../../ui/unit_picker.py" line="161"/>
        <source>Record that the unit&apos;s 24-hour contact was reached, who answered and when</source>
        <translation>记录已联系上单位24小时值班联系人、接听人及时间</translation>
    </message>
    <message>
        <location filename="../../ui/unit_picker.py" line="189"/>
        <source>{0}, 24-hour contact: {1} {2}</source>
        <translation>{0}，24小时值班联系人：{1} {2}</translation>
    </message>
    <message>
        <location filename="../../ui/unit_picker.py" line="190"/>
        <source>(no number on file)</source>
        <translation>（无登记号码）</translation>
    </message>
    <message>
        <location filename="../../ui/unit_picker.py" line="203"/>
        <source>Type who answered first.</source>
        <translation>请先填写接听人。</translation>
    </message>
</context>
</TS>
