using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;

namespace Assessment.Rules.Facts;

// The facts the rules match on. The fact builder computes the rubric's shared definitions once per unit
// (S, M, sec, the plan, the summary) and folds attendance and speeches into one fact per session and one per
// member, inserted as two set facts, so that the Rete network works on a few dozen facts per unit instead of
// thousands of tiny ones.

/// <summary>The unit and the rubric's shared definitions for it.</summary>
/// <param name="Unit">The unit's row.</param>
/// <param name="Year">Its assessment year and document window.</param>
/// <param name="Secretary">sec: the one member with role 书记, or null.</param>
/// <param name="MemberIds">The ids of M (书记, 分管宣传 or 成员), in file order.</param>
/// <param name="SessionIds">The ids of S (sessions dated in the year), in file order.</param>
/// <param name="Plan">The plan: earliest 学习计划 in W(Y), else the first blank-dated one.</param>
/// <param name="Summary">The summary: latest 年度总结 in W(Y), else the first blank-dated one.</param>
internal sealed record UnitFacts(
    UnitRow Unit,
    StudyYear Year,
    MemberRow? Secretary,
    IReadOnlyList<string> MemberIds,
    IReadOnlyList<string> SessionIds,
    DocumentRow? Plan,
    DocumentRow? Summary)
{
    /// <summary>The rubric the unit is scored by (by its profile, or the one given); each rule reads its own entry.</summary>
    public required Rubric Rubric { get; init; }

    /// <summary>The directives that concern the unit: its own and those addressed to every unit. They are part of the
    /// unit's facts rather than facts of their own, because one directive row can concern several units of a session.</summary>
    public required IReadOnlyList<DirectiveRow> Directives { get; init; }

    /// <summary>Where the rules put their conclusions about this unit: each rule's action adds one outcome.</summary>
    public OutcomeSink Outcomes { get; } = new();

    /// <summary>m = |M|.</summary>
    public int M => MemberIds.Count;

    /// <summary>n = |S|.</summary>
    public int N => SessionIds.Count;

    /// <summary>A unit's facts are equal only to themselves. Every rule joins its facts to the unit with
    /// <c>x.Unit == unit</c>, 16 × 16 comparisons per join in a session of 16 units; record equality compared the
    /// fields (the unit's row, then its id) for every pair of different units.</summary>
    public bool Equals(UnitFacts? other) => ReferenceEquals(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary>One session of S with its attendance and speeches by members of M already counted.</summary>
/// <param name="Row">The session row.</param>
/// <param name="Present">Members of M with status 出席.</param>
/// <param name="Leave">Members of M with status 请假 (attendance rows).</param>
/// <param name="LeaveApproved">Of those, rows with leave_approved.</param>
/// <param name="Absences">Pairs that are 请假 or 缺席, rows missing for a member included.</param>
/// <param name="MadeUp">Of those, rows with a makeup_date.</param>
/// <param name="GroupAttendanceRows">Attendance rows for members of M.</param>
/// <param name="DiscussionSpeeches">Speech rows of kind 中心发言 or 交流发言 by members of M.</param>
/// <param name="SecretarySpoke">Whether sec has a speech row at this session.</param>
internal sealed record SessionFact(
    SessionRow Row,
    int Present,
    int Leave,
    int LeaveApproved,
    int Absences,
    int MadeUp,
    int GroupAttendanceRows,
    int DiscussionSpeeches,
    bool SecretarySpoke)
{
    /// <summary>The session id.</summary>
    public string Id => Row.SessionId;
}

/// <summary>One member of M with their speeches in S and their outputs in the year already counted.</summary>
/// <param name="Row">The member row.</param>
/// <param name="IsSecretary">Whether this member is sec.</param>
/// <param name="Speeches">Speech rows of any kind at sessions of S.</param>
/// <param name="WrittenSpeeches">Of those, rows marked written.</param>
/// <param name="ResearchReports">Outputs of kind 调研报告 in the year.</param>
/// <param name="Articles">Outputs of kind 理论文章 or 心得体会 in the year.</param>
/// <param name="PartyLectures">Outputs of kind 党课 in the year.</param>
/// <param name="Talks">Outputs of kind 宣讲 in the year.</param>
internal sealed record MemberFact(
    MemberRow Row,
    bool IsSecretary,
    int Speeches,
    int WrittenSpeeches,
    int ResearchReports,
    int Articles,
    int PartyLectures,
    int Talks)
{
    /// <summary>The member id.</summary>
    public string Id => Row.MemberId;
}

/// <summary>A set of a unit's facts or rows of one kind, inserted as one fact. Rules match the set joined to their unit
/// and select from it (<c>Let</c>) instead of collecting one fact per row: a collection is an aggregate node per
/// rule, updated for every row, and with several units in a session it would join every row to every unit.</summary>
/// <typeparam name="T">The kind of fact or row.</typeparam>
internal abstract class UnitSet<T>(UnitFacts unit, IReadOnlyList<T> items) : IReadOnlyList<T>
{
    /// <summary>The unit they belong to: rules join on it, since one session holds several units.</summary>
    public UnitFacts Unit { get; } = unit;

    public T this[int index] => items[index];

    public int Count => items.Count;

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => items.GetEnumerator();
}

/// <summary>The sessions of S, ordered by their line in the file.</summary>
internal sealed class SessionFacts(UnitFacts unit, SessionFact[] items) : UnitSet<SessionFact>(unit, items)
{
    /// <summary>Their ids, in the same order: the evidence of many items, made once per unit and shared.</summary>
    public IReadOnlyList<string> Ids { get; } = Array.ConvertAll(items, x => x.Id);
}

/// <summary>The members of M, ordered by their line in the file.</summary>
internal sealed class MemberFacts(UnitFacts unit, MemberFact[] items) : UnitSet<MemberFact>(unit, items)
{
    /// <summary>Their ids, in the same order: the evidence of many items, made once per unit and shared.</summary>
    public IReadOnlyList<string> Ids { get; } = Array.ConvertAll(items, x => x.Id);
}

/// <summary>A unit's rows of one table as they were read (members, outputs, documents, events, reviews).</summary>
/// <typeparam name="T">The row type.</typeparam>
internal sealed class RowSet<T>(UnitFacts unit, IReadOnlyList<T> rows) : UnitSet<T>(unit, rows);
