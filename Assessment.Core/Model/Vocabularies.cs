namespace Assessment.Core.Model;

/// <summary>The roles a person holds in a study group; a person may hold several.</summary>
[Flags]
public enum MemberRole
{
    /// <summary>No role.</summary>
    None = 0,
    /// <summary>书记: the secretary, first responsible person.</summary>
    Secretary = 1,
    /// <summary>分管宣传: the propaganda lead, direct responsible person.</summary>
    PropagandaLead = 2,
    /// <summary>学习秘书: the study secretary (staff, not a member on its own).</summary>
    StudySecretary = 4,
    /// <summary>成员: an ordinary member.</summary>
    Member = 8,
}

/// <summary>The form of a study session.</summary>
public enum SessionForm
{
    /// <summary>集体学习研讨.</summary>
    Collective,
    /// <summary>专题辅导.</summary>
    Lecture,
    /// <summary>走出去.</summary>
    Field,
    /// <summary>网络学习.</summary>
    Online,
}

/// <summary>The content tags the rubric knows; other tags are kept as free text.</summary>
public enum ContentTag
{
    /// <summary>创新理论.</summary>
    InnovationTheory,
    /// <summary>党章党规党纪.</summary>
    PartyRules,
    /// <summary>党史.</summary>
    PartyHistory,
    /// <summary>法律法规.</summary>
    Law,
}

/// <summary>Attendance status of a member at a session.</summary>
public enum AttendanceStatus
{
    /// <summary>出席.</summary>
    Present,
    /// <summary>请假.</summary>
    Leave,
    /// <summary>缺席.</summary>
    Absent,
}

/// <summary>The kind of a speech.</summary>
public enum SpeechKind
{
    /// <summary>中心发言.</summary>
    Keynote,
    /// <summary>交流发言 (the default).</summary>
    Discussion,
    /// <summary>领学.</summary>
    LeadReading,
}

/// <summary>The kind of a study output.</summary>
public enum OutputKind
{
    /// <summary>调研报告.</summary>
    ResearchReport,
    /// <summary>理论文章.</summary>
    Article,
    /// <summary>心得体会.</summary>
    Reflection,
    /// <summary>党课.</summary>
    PartyLecture,
    /// <summary>宣讲.</summary>
    Talk,
    /// <summary>成果转化.</summary>
    Conversion,
}

/// <summary>The level at which an output was published.</summary>
public enum PublishedLevel
{
    /// <summary>无 (the default).</summary>
    None,
    /// <summary>县级.</summary>
    County,
    /// <summary>市级.</summary>
    City,
    /// <summary>省级.</summary>
    Province,
    /// <summary>国家级.</summary>
    National,
}

/// <summary>The kind of a document.</summary>
public enum DocumentKind
{
    /// <summary>学习计划.</summary>
    Plan,
    /// <summary>学习制度.</summary>
    Rules,
    /// <summary>专题安排.</summary>
    TopicSchedule,
    /// <summary>年度总结.</summary>
    Summary,
    /// <summary>学习档案.</summary>
    Archive,
    /// <summary>通报.</summary>
    Bulletin,
    /// <summary>述学考核.</summary>
    MemberReview,
}

/// <summary>The kind of an event.</summary>
public enum EventKind
{
    /// <summary>列席旁听.</summary>
    SitIn,
    /// <summary>督查指导.</summary>
    Inspection,
    /// <summary>获评先进.</summary>
    Award,
    /// <summary>经验推广.</summary>
    Promoted,
}

/// <summary>A finding of an upper-level review.</summary>
public enum Finding
{
    /// <summary>弄虚作假.</summary>
    Falsification,
    /// <summary>严重政治问题.</summary>
    PoliticalIncident,
}
