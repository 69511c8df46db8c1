using System.Text.RegularExpressions;

namespace Assessment.Rules.Claims;

/// <summary>How a claim's value is read: a count next to the trigger, a rate, or only that the thing is claimed.</summary>
[Flags]
internal enum ValueModes
{
    Present = 1,
    Count = 2,
    All = 4,
    Rate = 8,
}

/// <summary>One kind of claim: the rubric item it bears on, the wording that triggers it, and how its value is read.
/// Adding a kind is adding a line to <see cref="ClaimKinds.All"/>.</summary>
/// <param name="Kind">The kind's code, e.g. <c>sessions</c>.</param>
/// <param name="Item">The rubric item the claim bears on.</param>
/// <param name="Trigger">A clause that matches this makes the claim.</param>
/// <param name="Modes">The values the kind takes; a count-only kind needs a number to make a claim.</param>
/// <param name="Units">The counting words after a number that belong to this kind (次, 篇, 条 ...).</param>
/// <param name="Context">Optional: the paragraph must also match this (the secretary named earlier in the paragraph).</param>
internal sealed record ClaimKind(string Kind, string Item, Regex Trigger, ValueModes Modes, string Units = "次|场次|场", Regex? Context = null);

internal static class ClaimKinds
{
    private static Regex R(string pattern) => new(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private const ValueModes CountOrPresent = ValueModes.Count | ValueModes.Present;

    /// <summary>Every kind of the spec's table, in its order.</summary>
    public static IReadOnlyList<ClaimKind> All { get; } =
    [
        new("sessions", "XS-01", R("集体学习|集中学习|学习研讨|中心组学习"), ValueModes.Count),
        new("lectures", "XS-05", R("专题辅导|专家辅导|辅导报告|讲座|报告会|邀请[^，。；]{0,6}专家"), CountOrPresent, "次|场|位|期"),
        new("field_studies", "XS-06", R("走出去|实地调研|参观|现场教学"), CountOrPresent),
        new("online_study", "XS-07", R("学习强国|在线学习|网络学习|网络平台|学习平台"), ValueModes.Rate | ValueModes.All | ValueModes.Present),
        new("attendance_rate", "ZD-02", R("参学率|参与率|出勤率|到会率"), ValueModes.Rate),
        new("secretary_hosted", "DY-02", R("书记[^，。；]{0,6}主持|主要领导[^，。；]{0,6}主持|一把手[^，。；]{0,6}主持"), ValueModes.All | CountOrPresent),
        new("secretary_approved_plan", "DY-01", R("审定[^。；]{0,90}学习计划"), ValueModes.Present, Context: R("书记|第一责任人|一把手")),
        new("secretary_lectures", "DY-04", R("(书记|主要领导|一把手)[^，。；]{0,12}(讲|上)[^，。；]{0,4}党课|带头[^，。；]{0,4}(讲|上)[^，。；]{0,4}党课"), CountOrPresent),
        new("speakers_per_session", "XS-03", R("每次[^。；]{0,16}发言"), ValueModes.Count, "人|位|名"),
        new("research_reports", "CX-02", R("调研报告|调研论文|调研文章"), ValueModes.All | CountOrPresent, "篇|份"),
        new("articles", "CX-03", R("理论文章|心得体会|体会文章"), ValueModes.All | CountOrPresent, "篇|份"),
        new("member_lectures", "CX-04", R("成员[^。；]{0,24}(讲党课|党课活动|宣讲)|开展宣讲|宣讲[^，。；]{0,4}(活动|报告)"), CountOrPresent),
        new("plan", "ZT-03", R("(制定|印发|制发|下发)[^。；]{0,30}学习计划"), ValueModes.Present),
        new("study_rules", "ZD-05", R("学习制度"), ValueModes.Present),
        new("archive", "ZD-05", R("学习档案|存入档案|归档"), ValueModes.Present),
        new("study_secretary", "ZJ-02", R("学习秘书"), ValueModes.Present),
        new("on_agenda", "ZT-01", R("(列入|纳入)[^，。；]{0,12}重要议事日程"), ValueModes.Present),
        new("responsibility_systems", "ZT-02", R("党建工作责任制|意识形态工作责任制"), ValueModes.Present),
        new("advance_notice", "ZJ-03", R("提前(通知|印发)|会议通知|印发通知"), ValueModes.Present),
        new("briefings", "ZJ-04", R("简报|学习专刊|宣传通报"), ValueModes.All | ValueModes.Present),
        new("reported_upward", "ZJ-04", R("报送[^，。；]{0,16}(学习计划|学习情况|学习总结|学习材料)"), CountOrPresent),
        new("attendance_records", "ZD-01", R("考勤|签到|登记参加人员"), ValueModes.Present),
        new("leave_procedure", "ZD-01", R("请假"), ValueModes.Present),
        new("makeup_study", "ZD-03", R("补学|补课"), ValueModes.Present),
        new("member_review", "ZD-06", R("述学|评学|考学|学习考核|检查考核"), ValueModes.Present),
        new("subordinate_supervision", "ZT-04", R("列席旁听|督查指导|督查[^，。；]{0,6}下级|调阅|指导督促下级"), CountOrPresent),
        new("self_study_plans", "XS-04", R("个人自学计划|自学计划"), ValueModes.All | ValueModes.Present),
        new("publications", "JF-01", R("采用|刊发|发表"), ValueModes.Count, "条|篇"),
        new("conversions", "CX-05", R("成果转化|转化为[^，。；]{0,12}(举措|措施|成果|本事|能力)"), CountOrPresent, "项|个|条"),
    ];
}
