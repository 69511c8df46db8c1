namespace Assessment.Core.Model;

// The fact model: one sealed record per table of the export format. Booleans are nullable because
// blank means "not recorded" (false for scoring, but kept as blank for evidence and round trips).

/// <summary>A row of units.csv: one study group and its assessment year.</summary>
public sealed record UnitRow(
    string UnitId,
    string UnitName,
    int Year,
    string? Profile,
    bool? HasSubordinateGroups,
    int? AgendaMeetings,
    bool? InPartyBuildingResp,
    bool? InIdeologyResp,
    decimal? PlatformActiveRate,
    RowSource Source);

/// <summary>A row of members.csv: a person and the roles they hold.</summary>
public sealed record MemberRow(
    string UnitId,
    string MemberId,
    string Name,
    MemberRole Roles,
    bool? SelfStudyPlan,
    bool? StudyNotes,
    RowSource Source)
{
    /// <summary>Whether the person is a member of the group (书记, 分管宣传 or 成员); a 学习秘书 alone is staff.</summary>
    public bool IsGroupMember => (Roles & (MemberRole.Secretary | MemberRole.PropagandaLead | MemberRole.Member)) != 0;
}

/// <summary>A row of sessions.csv: one collective study session.</summary>
public sealed record SessionRow(
    string UnitId,
    string SessionId,
    DateOnly Date,
    int? DurationMinutes,
    SessionForm Form,
    string? Topic,
    IReadOnlyList<ContentTag> Tags,
    IReadOnlyList<string> FreeTags,
    string? HostId,
    string? ActingReason,
    DateOnly? NoticeDate,
    bool? MaterialsIssued,
    bool? SecretaryRemarks,
    bool? SignIn,
    bool? HasRecord,
    bool? Briefing,
    string? LinkedIssue,
    IReadOnlyList<string> DirectiveIds,
    RowSource Source);

/// <summary>A row of attendance.csv: one member at one session.</summary>
public sealed record AttendanceRow(
    string UnitId,
    string SessionId,
    string MemberId,
    AttendanceStatus Status,
    bool? LeaveApproved,
    DateOnly? MakeupDate,
    RowSource Source);

/// <summary>A row of speeches.csv: one speech by a member at a session.</summary>
public sealed record SpeechRow(
    string UnitId,
    string SessionId,
    string MemberId,
    SpeechKind Kind,
    bool? Written,
    RowSource Source);

/// <summary>A row of outputs.csv: a report, article, lecture or other study result.</summary>
public sealed record OutputRow(
    string UnitId,
    string OutputId,
    string? MemberId,
    OutputKind Kind,
    string? Title,
    DateOnly? Date,
    PublishedLevel PublishedLevel,
    bool? Adopted,
    RowSource Source);

/// <summary>A row of documents.csv: a plan, rules, summary and the like.</summary>
public sealed record DocumentRow(
    string UnitId,
    string DocId,
    DocumentKind Kind,
    string? Title,
    DateOnly? Date,
    string? ApprovedBy,
    DateOnly? FiledDate,
    bool? HasTopics,
    bool? HasSchedule,
    RowSource Source);

/// <summary>A row of events.csv: supervision of lower groups, awards, promoted practice.</summary>
public sealed record EventRow(
    string UnitId,
    string EventId,
    EventKind Kind,
    DateOnly? Date,
    string? Note,
    RowSource Source);

/// <summary>A row of directives.csv: an upper-level directive to study; <see cref="UnitId"/> null means every unit.</summary>
public sealed record DirectiveRow(
    string DirectiveId,
    string? UnitId,
    string? Title,
    DateOnly IssuedDate,
    RowSource Source);

/// <summary>A row of reviews.csv: a finding of an upper-level review.</summary>
public sealed record ReviewRow(
    string UnitId,
    Finding Finding,
    string? Note,
    RowSource Source);

/// <summary>A row of waivers.csv: an approved exemption for one item; <see cref="UnitId"/> null means every unit.</summary>
public sealed record WaiverRow(
    string? UnitId,
    string ItemId,
    string Justification,
    string ApprovedBy,
    DateOnly? Expires,
    RowSource Source);
