namespace Assessment.Core.Import;

/// <summary>One column of a table: its English and Chinese names and whether it is required.</summary>
internal sealed record ColumnSchema(string Name, string Zh, bool Required, params string[] Aliases);

/// <summary>One table of the export format: its file name, Chinese name and columns.</summary>
internal sealed record TableSchema(string Name, string Zh, IReadOnlyList<ColumnSchema> Columns)
{
    /// <summary>The file name in a CSV export, e.g. <c>units.csv</c>.</summary>
    public string FileName => Name + ".csv";

    /// <summary>The column with this English name.</summary>
    public ColumnSchema this[string name] => Columns.First(c => c.Name == name);
}

/// <summary>The tables of the export format, in the order they are documented and read.</summary>
internal static class Tables
{
    private static ColumnSchema UnitId(bool required = true) => new("unit_id", "单位编码", required);

    private static ColumnSchema SessionId => new("session_id", "学习编号", true);

#pragma warning disable CS1591
    public static readonly TableSchema Units = new("units", "单位",
    [
        UnitId(), new("unit_name", "单位名称", true), new("year", "年度", true), new("profile", "测评方案", false),
        new("has_subordinate_groups", "有下级中心组", false), new("agenda_meetings", "党委会研究次数", false),
        new("in_party_building_resp", "纳入党建工作责任制", false), new("in_ideology_resp", "纳入意识形态工作责任制", false),
        new("platform_active_rate", "学习平台活跃率", false),
    ]);

    public static readonly TableSchema Members = new("members", "成员",
    [
        UnitId(), new("member_id", "成员编码", true), new("name", "姓名", true), new("role", "角色", true),
        new("self_study_plan", "个人自学计划", false), new("study_notes", "学习笔记", false),
    ]);

    public static readonly TableSchema Sessions = new("sessions", "学习",
    [
        UnitId(), SessionId, new("date", "日期", true), new("duration_minutes", "时长分钟", false),
        new("form", "形式", false), new("topic", "专题", false), new("content_tags", "内容标签", false),
        new("host_id", "主持人编码", false), new("acting_reason", "代为主持原因", false),
        new("notice_date", "通知日期", false), new("materials_issued", "提前印发材料", false),
        new("secretary_remarks", "书记讲评", false), new("sign_in", "签到", false), new("has_record", "有记录", false),
        new("briefing", "简报", false), new("linked_issue", "联系实际问题", false), new("directive_ids", "上级部署编号", false),
    ]);

    public static readonly TableSchema Attendance = new("attendance", "考勤",
    [
        UnitId(), SessionId, new("member_id", "成员编码", true), new("status", "状态", true),
        new("leave_approved", "请假已批准", false), new("makeup_date", "补学日期", false),
    ]);

    public static readonly TableSchema Speeches = new("speeches", "发言",
    [
        UnitId(), SessionId, new("member_id", "成员编码", true), new("kind", "类型", false), new("written", "书面材料", false),
    ]);

    public static readonly TableSchema Outputs = new("outputs", "成果",
    [
        UnitId(), new("output_id", "成果编号", true), new("member_id", "作者编码", false, "成员编码"),
        new("kind", "类型", true), new("title", "标题", false), new("date", "日期", false),
        new("published_level", "发表级别", false), new("adopted", "采纳批示", false),
    ]);

    public static readonly TableSchema Documents = new("documents", "文件",
    [
        UnitId(), new("doc_id", "文件编号", true), new("kind", "类型", true), new("title", "标题", false),
        new("date", "日期", false), new("approved_by", "审定人编码", false), new("filed_date", "报送日期", false),
        new("has_topics", "列明专题", false), new("has_schedule", "列明时间安排", false),
    ]);

    public static readonly TableSchema Events = new("events", "活动",
    [
        UnitId(), new("event_id", "活动编号", true), new("kind", "类型", true), new("date", "日期", false), new("note", "说明", false),
    ]);

    public static readonly TableSchema Directives = new("directives", "上级部署",
    [
        new("directive_id", "部署编号", true), UnitId(required: false), new("title", "标题", false), new("issued_date", "印发日期", true),
    ]);

    public static readonly TableSchema Reviews = new("reviews", "核查",
    [
        UnitId(), new("finding", "问题类型", true), new("note", "说明", false),
    ]);

    public static readonly TableSchema Waivers = new("waivers", "豁免",
    [
        UnitId(required: false), new("item_id", "项目编号", true), new("justification", "理由", true),
        new("approved_by", "批准人", true), new("expires", "截止日期", false),
    ]);
#pragma warning restore CS1591

    /// <summary>Every table, in reading order.</summary>
    public static IReadOnlyList<TableSchema> All { get; } =
        [Units, Members, Sessions, Attendance, Speeches, Outputs, Documents, Events, Directives, Reviews, Waivers];
}
